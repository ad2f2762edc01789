package io.meshlake.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A data product's contract version, MAJOR.MINOR.PATCH. A breaking schema change needs a higher major.
 */
public record SemanticVersion(int major, int minor, int patch) {
  private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)");

  /** Parses {@code 1.2.3}. */
  @JsonCreator
  public static SemanticVersion parse(String text) {
    Matcher m = text == null ? null : SEMVER.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "Version '" + text + "' is not a semantic version: write MAJOR.MINOR.PATCH, e.g. 1.0.0");
    }
    return new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  @JsonValue
  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
