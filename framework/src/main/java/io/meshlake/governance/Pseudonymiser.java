package io.meshlake.governance;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed pseudonyms: {@code <key id>:<hex HMAC-SHA256(key, "<kind>:<identifier>")>}, e.g.
 * {@code 2025-01:5d41…} (64 hex digits after the key id).
 *
 * <ul>
 *   <li>Domain-independent: the input is only the identifier kind and value, so member {@code M1} has
 *       the same pseudonym in every domain's products and they join on it.
 *   <li>Namespaced by {@link IdentifierKind}: member {@code 123} and provider {@code 123} differ.
 *   <li>Every pseudonym carries the id of the key that made it, so a publication made under an older
 *       key stays recognisable after rotation and is never mixed up with new ones.
 *   <li>Non-string identifiers are pseudonymised by their string form ({@code 42} as {@code "42"}); null
 *       stays null.
 * </ul>
 */
public final class Pseudonymiser {
  private final PseudonymKey key;

  /** Pseudonymises with one key, normally {@link PseudonymKeyring#current()}. */
  public Pseudonymiser(PseudonymKey key) {
    this.key = key;
  }

  /** The id of the key, to record with a publication. */
  public String keyId() {
    return key.id();
  }

  /** The pseudonym of each identifier. */
  public Column pseudonym(Column identifier, IdentifierKind kind) {
    Column hmac = udf(new HmacSha256(key, kind.name()), DataTypes.StringType).withName("hmac_sha256")
        .apply(identifier.cast(DataTypes.StringType));
    return concat(lit(key.id() + ":"), hmac);
  }

  /**
   * The pseudonym of one identifier, computed here (on the driver) exactly as {@link #pseudonym(Column,
   * IdentifierKind)} computes it in Spark: e.g. to find a table's rows of known identifiers.
   */
  public String pseudonym(String identifier, IdentifierKind kind) {
    try {
      return key.id() + ":" + new HmacSha256(key, kind.name()).call(identifier);
    } catch (java.security.GeneralSecurityException | CloneNotSupportedException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces a column by its pseudonyms.
   *
   * @throws IllegalArgumentException naming the column and the schema when it is not there
   */
  public Dataset<Row> apply(Dataset<Row> input, String column, IdentifierKind kind) {
    Columns.require(input, column, "pseudonymise");
    return input.withColumn(column, pseudonym(input.col(column), kind));
  }
}
