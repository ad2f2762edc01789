package io.meshlake.governance.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.meshlake.config.Labels;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A table of consent decisions ({@code consent.yaml}).
 *
 * @param table its qualified name, e.g. {@code meshlake_platform.consents}
 * @param format how its rows hold decisions
 */
public record ConsentSource(String table, Format format) {
  private static final Pattern QUALIFIED = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

  /** How a consent table holds decisions. */
  public enum Format {
    /** One decision per row: {@code member_id, purpose, decision, effective_from, effective_to, recorded_at}. */
    DECISIONS,
    /** FHIR R4 Consent resources as JSON in a {@code resource} column. */
    FHIR;

    /** The spelling in policy files. */
    @JsonValue
    public String label() {
      return Labels.label(this);
    }

    /** Reads a policy file's format, naming the allowed values when it is unknown. */
    @JsonCreator
    public static Format of(String label) {
      return Labels.parse(values(), label, "consent source format");
    }
  }

  public ConsentSource {
    if (table == null || !QUALIFIED.matcher(table).matches()) {
      throw new IllegalArgumentException("consent source table '" + table + "' is not a qualified table name: write"
          + " <namespace>.<table>, e.g. meshlake_platform.consents");
    }
    Objects.requireNonNull(format, () -> "consent source " + table + " needs a format: decisions or fhir");
  }

  /** The namespace, e.g. {@code meshlake_platform}. */
  public String namespace() {
    return table.substring(0, table.indexOf('.'));
  }

  /** The table's name in its namespace. */
  public String name() {
    return table.substring(table.indexOf('.') + 1);
  }
}
