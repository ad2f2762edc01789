package io.meshlake.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/**
 * What a consumer class's policy does with a column, as {@code consumer-classes.yaml} names it. Each but
 * {@link #KEEP} and {@link #DROP} applies only to columns whose contract gives the hint it needs.
 */
public enum Treatment {
  /** The value as published. */
  KEEP,
  /** The keyed pseudonym; needs the column's identifier kind. */
  PSEUDONYMISE,
  /** Partial masking; needs a Safe Harbor category with a mask (SSN, phone, fax, e-mail). */
  MASK,
  /** Year of a date, three-digit ZIP area; needs Safe Harbor category {@code dates} or {@code geographic_subdivisions}. */
  GENERALISE,
  /** HIPAA Safe Harbor for the column's category; needs a Safe Harbor category. */
  DEIDENTIFY,
  /** Left out. */
  DROP;

  /** The spelling in policy files, e.g. {@code pseudonymise}. */
  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** Reads a policy file's treatment, naming the allowed values when it is unknown. */
  @JsonCreator
  public static Treatment of(String label) {
    return Labels.parse(values(), label, "treatment");
  }

  /** Whether it applies to every column, so a list of treatments ending with it always decides. */
  public boolean always() {
    return this == KEEP || this == DROP;
  }
}
