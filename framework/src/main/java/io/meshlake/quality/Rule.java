package io.meshlake.quality;

import io.meshlake.contract.SloKind;
import java.util.Objects;
import java.util.Optional;

/**
 * One quality rule of a data product, from its rule file.
 *
 * @param name unique within the file; names the rule in messages, reports and the quarantine
 * @param description why the rule exists (optional)
 * @param check what is measured and the threshold
 * @param level how serious a breach is
 * @param action what the gate does on a breach
 * @param slo the product SLO this rule measures, if any
 * @param line the rule's line in its file
 */
public record Rule(String name, String description, Check check, Level level, Action action, Optional<SloKind> slo,
    int line) {
  public Rule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(action, "action");
    slo = Objects.requireNonNull(slo, "slo");
    description = description == null ? "" : description;
  }
}
