package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.meshlake.table.DeltaTableStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The keyed values of every identifier published so far, per key: its pseudonym and its date-shift bits
 * ({@link DateShift}). The consumer classes' views read pseudonyms and date shifts from here, so a view is
 * plain SQL over the gold table and this table, and the key is needed only where identifiers are published.
 *
 * <p>A Delta table at {@code <warehouse>/meshlake_governed/pseudonyms}, one row per key id, identifier kind
 * and identifier. A publication adds the identifiers it may publish that are not in it yet ({@link #add}) before
 * the gold table's commit, so every identifier of a published gold version has its row. Publications running
 * side by side may add the same identifier twice, as identical rows: readers take distinct rows ({@link
 * #sqlOf}). Like the gold tables it links back to identifiers, so only the platform reads it; a consumer
 * class reads its views ({@link ConsumerSession}).
 */
final class PseudonymMap {
  /** The table's name in {@link Governor#GOVERNED}. */
  static final String NAME = "pseudonyms";

  private final DeltaTableStore store;
  private final String location;

  PseudonymMap(DeltaTableStore store) {
    this.store = store;
    this.location = store.location(Governor.GOVERNED, NAME);
  }

  /**
   * Adds the identifiers in {@code columns} of {@code rows} that the map does not hold under {@code key}: one
   * Spark job over the distinct identifiers, whose append commits only when there are new ones (Delta records
   * no empty commit). The first add creates the map with its rows, in one commit.
   *
   * @param columns each column to read and the kind of identifier it holds
   */
  void add(Dataset<Row> rows, Map<String, IdentifierKind> columns, PseudonymKey key) {
    if (columns.isEmpty()) {
      return;
    }
    if (store.latestVersion(location).isPresent()) {
      append(rows, columns, key, true);
      return;
    }
    synchronized (this) { // publications side by side: one creates the map, the others add to it
      append(rows, columns, key, store.latestVersion(location).isPresent());
    }
  }

  private void append(Dataset<Row> rows, Map<String, IdentifierKind> columns, PseudonymKey key, boolean exists) {
    Dataset<Row> known = exists
        ? store.spark().read().format("delta").load(location).where(col("key_id").equalTo(key.id())) : null;
    Pseudonymiser pseudonymiser = new Pseudonymiser(key);
    Map<IdentifierKind, List<String>> byKind = new LinkedHashMap<>();
    columns.forEach((column, kind) -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(column));
    List<Dataset<Row>> fresh = new ArrayList<>();
    byKind.forEach((kind, kindColumns) -> {
      Dataset<Row> ids = kindColumns.stream()
          .map(c -> rows.select(col("`" + c + "`").cast(DataTypes.StringType).as("id")).where(col("id").isNotNull()))
          .reduce(Dataset::union).orElseThrow().distinct();
      if (known != null) {
        Dataset<Row> knownIds = known.where(col("kind").equalTo(kind.name())).select(col("id").as("known_id"));
        ids = ids.join(knownIds, ids.col("id").equalTo(knownIds.col("known_id")), "left_anti");
      }
      fresh.add(ids.select(lit(key.id()).as("key_id"), lit(kind.name()).as("kind"), col("id"),
          pseudonymiser.pseudonym(col("id"), kind).as("pseudonym"),
          udf(new DateShift(key), DataTypes.LongType).withName("date_shift_bits").apply(col("id")).as("shift_bits")));
    });
    Dataset<Row> added = fresh.stream().reduce(Dataset::union).orElseThrow();
    added.write().format("delta").mode("append").save(location);
  }

  /**
   * A SQL relation of {@code id, pseudonym, shift_bits} for one key and kind, distinct.
   */
  String sqlOf(String keyId, IdentifierKind kind) {
    return "(SELECT DISTINCT id, pseudonym, shift_bits FROM delta.`" + location.replace("`", "``") + "` WHERE key_id = "
        + literal(keyId) + " AND kind = " + literal(kind.name()) + ")";
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
