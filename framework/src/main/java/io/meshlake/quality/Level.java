package io.meshlake.quality;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;

/** How serious a broken rule is; becomes the Deequ check level. A {@code fail} action needs {@link #ERROR}. */
public enum Level {
  ERROR,
  WARNING;

  @JsonValue
  public String label() {
    return Labels.label(this);
  }

  @JsonCreator
  public static Level of(String label) {
    return Labels.parse(values(), label, "level");
  }
}
