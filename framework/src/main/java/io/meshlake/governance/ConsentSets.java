package io.meshlake.governance;

import io.meshlake.table.DeltaTableStore;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per purpose that needs consent, the members whose decision settles the consent filter as of a
 * publication ({@link ConsentFilter#decisive}), for the consumer classes' views to filter on: a Delta table
 * {@code <warehouse>/meshlake_governed/consent/<purpose>} of {@code member_id}. Each write records what it was
 * computed from (the consent sources' versions and the date) and is skipped when that has not changed.
 */
final class ConsentSets {
  private static final String NAMESPACE = Governor.GOVERNED + "/consent";

  private final DeltaTableStore store;

  ConsentSets(DeltaTableStore store) {
    this.store = store;
  }

  /**
   * Writes the set of a purpose unless it was already computed from {@code basis}.
   *
   * @param members the {@code member_id}s of the decisive members
   * @param basis what the set is computed from, recorded with it
   */
  void write(String purpose, Dataset<Row> members, String basis) {
    String location = location(purpose);
    boolean current = store.lastCommit(location).map(c -> Objects.equals(c.userMetadata(), basis)).orElse(false);
    if (!current) {
      members.select("member_id").distinct().write().format("delta").mode("overwrite").option("overwriteSchema", "true")
          .option("userMetadata", basis).save(location);
    }
  }

  /** The set of a purpose as a SQL relation, once it has been written. */
  Optional<String> sqlOf(String purpose) {
    String location = location(purpose);
    return store.latestVersion(location).map(v -> "delta.`" + location.replace("`", "``") + "`");
  }

  private String location(String purpose) {
    return store.location(NAMESPACE, purpose);
  }
}
