package io.meshlake.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/** The kinds of service level objective a data product promises. */
public enum SloKind {
  /** How recent the newest data is. */
  FRESHNESS,
  /** Share of required values present. */
  COMPLETENESS,
  /** Share of rows or values that are valid. */
  VALIDITY,
  /** How many rows, against history. */
  VOLUME;

  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  /** Reads a file's SLO kind, naming the allowed values when it is unknown. */
  @JsonCreator
  public static SloKind of(String label) {
    return Labels.parse(values(), label, "SLO kind");
  }
}
