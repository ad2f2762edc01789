package io.meshlake.quality;

import java.util.OptionalDouble;

/**
 * How one rule fared on one candidate.
 *
 * @param rule the rule
 * @param status the verdict
 * @param metric the measured value (a share, a count, epoch seconds of the newest event), when there is one
 * @param message what was measured against what, in words
 */
public record RuleOutcome(Rule rule, Status status, OptionalDouble metric, String message) {

  /** A rule's verdict. */
  public enum Status {
    /** The rule holds. */
    PASSED,
    /** The rule does not hold and its action is warn. */
    WARNED,
    /** Rows breaking the rule were moved to the quarantine. */
    QUARANTINED,
    /** The rule does not hold and its action is fail: the product is not published. */
    FAILED
  }

  /** Whether this outcome stops publication. */
  public boolean blocks() {
    return status == Status.FAILED;
  }
}
