package io.meshlake.governance.policy;

import io.meshlake.contract.Classification;
import java.util.List;

/**
 * A consumer class's treatments per classification: for a column, the first of its classification's list
 * that applies to the column is used. Each list ends with {@code keep} or {@code drop}, which always apply.
 */
public record Treatments(List<Treatment> phi, List<Treatment> pii, List<Treatment> sensitive, List<Treatment> none) {
  public Treatments {
    phi = check("phi", phi);
    pii = check("pii", pii);
    sensitive = check("sensitive", sensitive);
    none = check("none", none);
  }

  private static List<Treatment> check(String classification, List<Treatment> treatments) {
    if (treatments == null || treatments.isEmpty()) {
      throw new IllegalArgumentException("treatments say nothing about " + classification + " columns: add "
          + classification + ": [...], e.g. [keep] or [pseudonymise, drop]");
    }
    if (!treatments.get(treatments.size() - 1).always()) {
      throw new IllegalArgumentException("the treatments of " + classification + " columns " + labels(treatments)
          + " may apply to none of a column: end the list with keep or drop");
    }
    return List.copyOf(treatments);
  }

  private static List<String> labels(List<Treatment> treatments) {
    return treatments.stream().map(Treatment::label).toList();
  }

  /** The list for a classification. */
  public List<Treatment> of(Classification classification) {
    return switch (classification) {
      case PHI -> phi;
      case PII -> pii;
      case SENSITIVE -> sensitive;
      case NONE -> none;
    };
  }
}
