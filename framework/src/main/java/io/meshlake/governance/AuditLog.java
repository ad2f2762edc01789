package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.meshlake.run.RunLog;
import io.meshlake.table.DeltaTableStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The platform table {@code meshlake_platform.audit_log}: an append-only, hash-chained record of runs,
 * publications, policy decisions and queries (see {@link AuditRecord} for the chain).
 *
 * <p>Appending: the table is created with {@code delta.appendOnly=true}, so Delta refuses UPDATE and
 * DELETE unless someone turns that off. Each {@link #append} chains its records to the last one and commits
 * them in one append. The last record's sequence number and hash come from the latest commit's user metadata,
 * where every append leaves them (no Spark job); when another kind of commit is the latest, the table is read.
 * The append is an idempotent Delta write ({@code txnAppId} {@value #CHAIN}, {@code txnVersion} its first
 * sequence number): Delta skips it when an append at or after that number has committed, and refuses it when
 * one commits meanwhile. A writer that lost such a race reads the new tail and tries again, so concurrent
 * writers never fork the chain.
 *
 * <p>{@link #verify()} walks the records in sequence order on the driver, one partition at a time
 * (never the whole log at once), and reports every sequence number where the log differs from what was
 * written: a changed record, a gap, a duplicate, or a broken link. For a changed record it says which
 * fields differ from the values first written, from Delta's change data feed while that history is kept.
 *
 * <p>Limit: the chain is unkeyed SHA-256, so someone able to rewrite the table can rebuild a consistent
 * chain, or drop records from its end. Anchor the latest hash outside the warehouse (e.g. in the run
 * summary or an external log) to detect that.
 */
public final class AuditLog {
  /** The audit log's table name in {@link RunLog#NAMESPACE}. */
  public static final String TABLE = "audit_log";
  private static final int ATTEMPTS = 5;
  /** The Delta application id of the appends' idempotent writes. */
  private static final String CHAIN = "meshlake-audit-chain";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  private static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("sequence", DataTypes.LongType, false),
      DataTypes.createStructField("recorded_at", DataTypes.TimestampType, false),
      DataTypes.createStructField("kind", DataTypes.StringType, false),
      DataTypes.createStructField("actor", DataTypes.StringType, false),
      DataTypes.createStructField("details", DataTypes.StringType, false),
      DataTypes.createStructField("previous_hash", DataTypes.StringType, false),
      DataTypes.createStructField("hash", DataTypes.StringType, false)));

  private final DeltaTableStore store;
  private final Clock clock;

  /**
   * @param store the warehouse
   * @param clock the time records are stamped with
   */
  public AuditLog(DeltaTableStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The table's folder. */
  public String location() {
    return store.location(RunLog.NAMESPACE, TABLE);
  }

  /**
   * Appends events in one commit, after the current last record.
   *
   * @return the records written
   * @throws IllegalStateException when other writers won the race {@value #ATTEMPTS} times in a row
   */
  public List<AuditRecord> append(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    if (!store.exists(RunLog.NAMESPACE, TABLE)) {
      store.create(RunLog.NAMESPACE, TABLE, SCHEMA, List.of(),
          "Append-only, hash-chained audit records of runs, publications, policy decisions and queries",
          Map.of("delta.appendOnly", "true"));
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      long version = store.latestVersion(location()).orElseThrow();
      List<AuditRecord> records = chain(events, tail(version));
      try {
        if (appendAfter(version, records)) {
          return records;
        }
      } catch (ConcurrentModificationException e) {
        // Another writer committed while this one wrote: read the new tail and try again.
      }
    }
    throw new IllegalStateException("Cannot append to " + RunLog.NAMESPACE + "." + TABLE + ": other writers appended "
        + "first " + ATTEMPTS + " times in a row; try again");
  }

  private List<AuditRecord> chain(List<AuditEvent> events, Link tail) {
    long sequence = tail.sequence();
    String previous = tail.hash();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<AuditRecord> records = new ArrayList<>();
    for (AuditEvent event : events) {
      AuditRecord record = AuditRecord.chained(++sequence, now, event.kind().label(), event.actor(),
          canonicalJson(event.details()), previous);
      records.add(record);
      previous = record.hash();
    }
    return records;
  }

  private static String canonicalJson(Map<String, Object> details) {
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Audit details " + details.keySet() + " are not JSON-serialisable: "
          + e.getOriginalMessage(), e);
    }
  }

  /** The last record, if the log has any. */
  public Optional<AuditRecord> last() {
    return store.exists(RunLog.NAMESPACE, TABLE) ? lastRead() : Optional.empty();
  }

  private Optional<AuditRecord> lastRead() {
    return table().orderBy(col("sequence").desc()).limit(1).collectAsList().stream().map(AuditLog::fromRow).findFirst();
  }

  /**
   * The sequence number and hash of the last record as of a version: from that commit's user metadata when an
   * append made it, else by reading the table.
   */
  private Link tail(long version) {
    return store.commit(location(), version).flatMap(c -> Link.parse(c.userMetadata()))
        .orElseGet(() -> lastRead().map(r -> new Link(r.sequence(), r.hash())).orElse(Link.GENESIS));
  }

  /**
   * Appends the records in one commit unless an append at or after their first sequence number committed after
   * {@code version}; whether they were appended.
   */
  private boolean appendAfter(long version, List<AuditRecord> records) {
    List<Row> rows = records.stream().map(r -> RowFactory.create(r.sequence(), Timestamp.from(r.recordedAt()),
        r.kind(), r.actor(), r.details(), r.previousHash(), r.hash())).toList();
    AuditRecord last = records.get(records.size() - 1);
    String tail = new Link(last.sequence(), last.hash()).json();
    store.spark().createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode("append")
        .option("txnAppId", CHAIN).option("txnVersion", records.get(0).sequence()).option("userMetadata", tail)
        .save(location());
    return store.commitsAfter(location(), version).stream().anyMatch(c -> c.userMetadata().equals(tail));
  }

  /** A record's place in the chain, as an append's commit records its last one. */
  private record Link(long sequence, String hash) {
    static final Link GENESIS = new Link(0, AuditRecord.GENESIS);

    String json() {
      return canonicalJson(Map.of("audit_tail", Map.of("sequence", sequence, "hash", hash)));
    }

    static Optional<Link> parse(String userMetadata) {
      try {
        JsonNode tail = userMetadata.isEmpty() ? null : JSON.readTree(userMetadata).get("audit_tail");
        return tail == null || !tail.path("sequence").canConvertToLong() || !tail.path("hash").isTextual()
            ? Optional.empty() : Optional.of(new Link(tail.get("sequence").asLong(), tail.get("hash").asText()));
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
  }

  private Dataset<Row> table() {
    return store.spark().read().format("delta").load(location());
  }

  /**
   * Checks the whole log.
   *
   * @return every place the log differs from what was written, in sequence order; empty when intact
   *     (or when there is no log yet)
   */
  public List<AuditFinding> verify() {
    if (!store.exists(RunLog.NAMESPACE, TABLE)) {
      return List.of();
    }
    Chain chain = new Chain();
    List<AuditRecord> sameSequence = new ArrayList<>();
    for (Iterator<Row> rows = table().orderBy("sequence", "hash").toLocalIterator(); rows.hasNext(); ) {
      AuditRecord record = fromRow(rows.next());
      if (!sameSequence.isEmpty() && sameSequence.get(0).sequence() != record.sequence()) {
        chain.check(sameSequence);
        sameSequence.clear();
      }
      sameSequence.add(record);
    }
    if (!sameSequence.isEmpty()) {
      chain.check(sameSequence);
    }
    return chain.findings;
  }

  /** The walk along the chain: where it should continue, and what was found so far. */
  private final class Chain {
    private final List<AuditFinding> findings = new ArrayList<>();
    private long expected = 1;
    private String previousHash = AuditRecord.GENESIS;

    /** Checks the records of one sequence number and continues from the one that fits the chain. */
    void check(List<AuditRecord> sameSequence) {
      long sequence = sameSequence.get(0).sequence();
      AuditRecord record = sameSequence.stream()
          .filter(r -> r.previousHash().equals(previousHash) && r.hash().equals(r.expectedHash()))
          .findFirst().orElse(sameSequence.get(0));
      if (sameSequence.size() > 1) {
        findings.add(new AuditFinding(sequence, sameSequence.size() + " records carry this sequence number, with hashes "
            + sameSequence.stream().map(AuditRecord::hash).toList() + "; the chain continues from " + record.hash()));
      }
      if (sequence > expected) {
        findings.add(new AuditFinding(sequence, (sequence == expected + 1 ? "record " + expected + " is"
            : "records " + expected + " to " + (sequence - 1) + " are") + " missing before it"));
      } else if (!record.previousHash().equals(previousHash)) {
        findings.add(new AuditFinding(sequence, "previous_hash " + record.previousHash() + " is not the hash "
            + previousHash + " of record " + (sequence - 1) + ": a record before it was changed or replaced"));
      }
      if (!record.hash().equals(record.expectedHash())) {
        findings.add(new AuditFinding(sequence, "its content does not match its hash " + record.hash()
            + changedFields(record)));
      }
      expected = sequence + 1;
      previousHash = record.hash();
    }
  }

  /** Which fields differ from the values first written, from the change data feed, if it still has them. */
  private String changedFields(AuditRecord now) {
    List<Row> first = store.spark().read().format("delta").option("readChangeFeed", "true")
        .option("startingVersion", 0).load(location())
        .where(col("sequence").equalTo(now.sequence()).and(col("_change_type").isin("insert", "update_preimage")))
        .orderBy("_commit_version").limit(1).collectAsList();
    if (first.isEmpty()) {
      return "";
    }
    AuditRecord written = fromRow(first.get(0));
    List<String> changes = new ArrayList<>();
    compare("recorded_at", written.recordedAt(), now.recordedAt(), changes);
    compare("kind", written.kind(), now.kind(), changes);
    compare("actor", written.actor(), now.actor(), changes);
    compare("details", written.details(), now.details(), changes);
    return changes.isEmpty() ? "" : "; " + String.join(", ", changes);
  }

  private static void compare(String field, Object written, Object now, List<String> changes) {
    if (!written.equals(now)) {
      changes.add(field + " was " + written + " and is now " + now);
    }
  }

  private static AuditRecord fromRow(Row row) {
    Object recordedAt = row.get(row.fieldIndex("recorded_at"));
    return new AuditRecord(row.getLong(row.fieldIndex("sequence")),
        recordedAt instanceof Timestamp ts ? ts.toInstant() : (Instant) recordedAt,
        row.getString(row.fieldIndex("kind")), row.getString(row.fieldIndex("actor")),
        row.getString(row.fieldIndex("details")), row.getString(row.fieldIndex("previous_hash")),
        row.getString(row.fieldIndex("hash")));
  }
}
