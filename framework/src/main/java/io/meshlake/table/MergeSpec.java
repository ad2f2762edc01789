package io.meshlake.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Column;

/**
 * One MERGE of source rows (alias {@code s}) into a table (alias {@code t}): rows matching {@code on}
 * (and {@code updateIf}, when given) are updated with {@code set}, other source rows inserted as
 * {@code insert}. An empty {@code set} updates every column from the source, an empty {@code insert}
 * inserts every source column.
 */
public record MergeSpec(Column on, Optional<Column> updateIf, Map<String, Column> set, Map<String, Column> insert) {
  public MergeSpec {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(updateIf, "updateIf");
    set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
    insert = Collections.unmodifiableMap(new LinkedHashMap<>(insert));
  }

  /** Updates matching rows with every source column and inserts the others whole. */
  public static MergeSpec upsert(Column on) {
    return new MergeSpec(on, Optional.empty(), Map.of(), Map.of());
  }
}
