package io.meshlake.contract;

import java.util.Objects;

/**
 * A service level objective of a data product, in words its consumers understand. Rules in the
 * product's rule file that name this SLO's kind measure it; attainment is the share of runs in which
 * all of them passed.
 *
 * @param kind what is measured
 * @param objective the promise, e.g. "claims available within 24 h of adjudication"
 */
public record Slo(SloKind kind, String objective) {
  public Slo {
    Objects.requireNonNull(kind, "kind");
    if (objective == null || objective.isBlank()) {
      throw new IllegalArgumentException("SLO " + kind.label() + " needs an objective: say what is promised");
    }
  }
}
