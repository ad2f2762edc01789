package io.meshlake.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/**
 * How sensitive a column's values are. Governance policies decide, per consumer class, what each
 * classification becomes (clear, pseudonymised, masked, de-identified or dropped).
 */
public enum Classification {
  /** Protected health information: identifies a person together with their health or care. */
  PHI,
  /** Personally identifiable information that is not about health (e.g. a plan member number). */
  PII,
  /** Not identifying, but restricted (e.g. payment amounts of a provider). */
  SENSITIVE,
  /** Free to every consumer. */
  NONE;

  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** Reads a contract file's classification, naming the allowed values when it is unknown. */
  @JsonCreator
  public static Classification of(String label) {
    return Labels.parse(values(), label, "classification");
  }
}
