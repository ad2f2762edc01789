package io.meshlake.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/** What de-identification does with dates, for a consumer class ({@code dates:} in consumer-classes.yaml). */
public enum DateRule {
  /** Safe Harbor proper: a date becomes its year. */
  YEAR_ONLY,
  /**
   * Every date of a member moves by the same number of days, so intervals are kept; not Safe Harbor (it
   * needs an expert determination).
   */
  SHIFT_PER_PATIENT;

  /** The spelling in policy files. */
  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** Reads a policy file's date rule, naming the allowed values when it is unknown. */
  @JsonCreator
  public static DateRule of(String label) {
    return Labels.parse(values(), label, "date rule");
  }
}
