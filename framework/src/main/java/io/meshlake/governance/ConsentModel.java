package io.meshlake.governance;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/** Whether a member with no consent decision for a purpose is in a product of that purpose. */
public enum ConsentModel {
  /** Members are in unless they opted out: no decision means included. */
  OPT_OUT,
  /** Members are out unless they opted in: no decision means excluded. */
  OPT_IN;

  /** The spelling in policy files: {@code opt_out} or {@code opt_in}. */
  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** Reads a policy file's consent model, naming the allowed values when it is unknown. */
  @JsonCreator
  public static ConsentModel of(String label) {
    return Labels.parse(values(), label, "consent model");
  }
}
