package io.meshlake.quality;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/** What the gate does when a rule is not met. */
public enum Action {
  /** Record the outcome; publish anyway. */
  WARN,
  /** Move the rows that break the rule to the product's quarantine, with the rule's name; publish the rest. */
  QUARANTINE,
  /** Do not publish: the product stays as it was and the run fails. */
  FAIL;

  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  @JsonCreator
  public static Action of(String label) {
    return Labels.parse(values(), label, "action");
  }
}
