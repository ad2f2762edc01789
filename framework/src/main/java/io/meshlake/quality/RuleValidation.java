package io.meshlake.quality;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.contract.Slo;
import io.meshlake.contract.SloKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a product's rule file against its contract before anything runs: the columns rules name
 * exist, referenced tables are readable by the domain and have the referenced column, every SLO a rule
 * measures is promised by the contract, and every promised SLO is measured by a rule.
 */
public final class RuleValidation {
  private RuleValidation() {}

  /**
   * The findings, each naming the file, line and fix; empty when the file is sound.
   *
   * @param columnsOf the columns of a table a rule refers to, when the platform knows them (gold
   *     products: from their contracts); empty for a table no domain declares
   */
  public static List<String> check(RuleFile file, Contract contract, Function<TableId, Optional<List<String>>> columnsOf) {
    List<String> findings = new ArrayList<>();
    for (Rule rule : file.rules()) {
      String where = file.source() + ":" + rule.line() + ": rule " + rule.name() + ": ";
      for (String column : rule.check().columns()) {
        if (contract.column(column).isEmpty()) {
          findings.add(where + "column " + column + " is not in the contract of " + contract.product()
              + "; use one of " + String.join(", ", contract.columns().stream().map(c -> c.name()).toList()));
        }
      }
      referenced(rule).ifPresent(ref -> {
        TableId table = ref.table();
        if (!table.domain().equals(file.domain()) && table.layer() != Layer.GOLD) {
          findings.add(where + table + " belongs to domain " + table.domain() + ", which is readable only through its"
              + " gold products");
        }
        Optional<List<String>> columns = columnsOf.apply(table);
        if (columns.isEmpty()) {
          findings.add(where + "table " + table + " is not declared by any domain; name a declared table");
        } else if (!columns.get().isEmpty() && !columns.get().contains(ref.column())) {
          findings.add(where + table + " has no column " + ref.column() + "; it has " + String.join(", ", columns.get()));
        }
      });
      rule.slo().filter(kind -> contract.slo(kind).isEmpty()).ifPresent(kind -> findings.add(where + "measures the "
          + kind.label() + " SLO, which the contract does not promise: add it to the contract's slos or drop 'slo'"));
    }
    for (Slo slo : contract.slos()) {
      boolean measured = file.rules().stream().anyMatch(r -> r.slo().equals(Optional.of(slo.kind())))
          || impliedBy(contract, slo.kind());
      if (!measured) {
        findings.add(file.source() + ": the contract promises a " + slo.kind().label() + " SLO (\"" + slo.objective()
            + "\") but no rule measures it: add a rule with slo: " + slo.kind().label());
      }
    }
    return findings;
  }

  /** The contract's own rules measure completeness (required columns) and validity (the primary key). */
  private static boolean impliedBy(Contract contract, SloKind kind) {
    return kind == SloKind.COMPLETENESS && contract.columns().stream().anyMatch(c -> c.required())
        || kind == SloKind.VALIDITY && !contract.primaryKey().isEmpty();
  }

  private record Reference(TableId table, String column) {}

  private static Optional<Reference> referenced(Rule rule) {
    if (rule.check() instanceof Check.References r) {
      return Optional.of(new Reference(r.table(), r.tableColumn()));
    }
    if (rule.check() instanceof Check.MappedCodes m) {
      return Optional.of(new Reference(m.mapping(), m.localColumn()));
    }
    return Optional.empty();
  }
}
