package io.meshlake.quality;

import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.SloKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * All rules a product's publication must meet: those its contract implies (required columns complete,
 * the primary key unique) followed by those of its rule file.
 */
public final class ProductRules {
  private ProductRules() {}

  /** The contract's implied rules, then the file's. */
  public static List<Rule> of(Contract contract, RuleFile file) {
    List<Rule> rules = new ArrayList<>();
    if (!contract.primaryKey().isEmpty()) {
      rules.add(new Rule("contract_primary_key", "the contract's primary key " + contract.primaryKey(),
          new Check.Uniqueness(contract.primaryKey(), 1.0, true), Level.ERROR, Action.FAIL,
          Optional.of(SloKind.VALIDITY), 0));
    }
    for (ContractColumn column : contract.columns()) {
      if (column.required()) {
        rules.add(new Rule("contract_required_" + column.name(), "the contract says " + column.name() + " is required",
            new Check.Completeness(column.name(), 1.0), Level.ERROR, Action.FAIL, Optional.of(SloKind.COMPLETENESS), 0));
      }
    }
    rules.addAll(file.rules());
    return rules;
  }
}
