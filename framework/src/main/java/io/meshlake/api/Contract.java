package io.meshlake.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The basics every gold data product carries: who owns it, what it means and its semantic version.
 * They are written into the Delta table's comment and properties, so the catalog shows them.
 */
public record Contract(String owner, String description, String version) {
  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  public Contract {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("A data product needs an owner, e.g. owner(\"claims-team@example.org\")");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("A data product needs a description of what each measure means");
    }
    Objects.requireNonNull(version, "version");
    if (!SEMVER.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "Product version '" + version + "' is not a semantic version: write MAJOR.MINOR.PATCH, e.g. 1.0.0");
    }
  }
}
