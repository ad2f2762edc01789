package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.table.DeltaTableStore;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditLogTest extends SparkTestBase {
  private static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");

  private static final List<AuditEvent> EVENTS = List.of(
      new AuditEvent(AuditKind.RUN, "meshlake", Map.of("run_id", "r1", "domains", List.of("member", "claims"))),
      new AuditEvent(AuditKind.PUBLICATION, "meshlake", Map.of("product", "claims_gold.payer_pmpm", "version", 3)),
      new AuditEvent(AuditKind.POLICY_DECISION, "meshlake", Map.of("consent_model", "opt_out")),
      new AuditEvent(AuditKind.QUERY, "alice", Map.of("as", "actuarial", "sql", "SELECT 1")),
      new AuditEvent(AuditKind.QUERY, "bob", Map.of("as", "research", "sql", "SELECT 2")));

  private static AuditLog emptyAuditLog() {
    return new AuditLog(new DeltaTableStore(spark(), freshWarehouse()), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static AuditLog auditLogWithFiveRecords() {
    AuditLog log = emptyAuditLog();
    log.append(EVENTS);
    return log;
  }

  private static void tamper(AuditLog log, String statement) {
    String table = "delta.`" + log.location() + "`";
    spark().sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('delta.appendOnly' = 'false')");
    spark().sql(statement.replace("$log", table));
  }

  private static String sha256Hex(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void recordsAreNumberedAndChainedAcrossAppendsAndAnIntactLogVerifies() throws Exception {
    AuditLog log = emptyAuditLog();
    log.append(EVENTS.subList(0, 2));
    log.append(EVENTS.subList(2, 5));

    List<AuditRecord> records = spark().read().format("delta").load(log.location()).orderBy("sequence")
        .collectAsList().stream().map(r -> new AuditRecord(r.getLong(0), (Instant) r.get(1), r.getString(2),
            r.getString(3), r.getString(4), r.getString(5), r.getString(6))).toList();

    assertThat(records).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
    AuditRecord first = records.get(0);
    assertThat(first.details()).isEqualTo("{\"domains\":[\"member\",\"claims\"],\"run_id\":\"r1\"}");
    assertThat(first.previousHash()).isEqualTo("0".repeat(64));
    assertThat(first.hash()).isEqualTo(sha256Hex("[1,\"2025-06-30T12:00:00Z\",\"run\",\"meshlake\","
        + "\"{\\\"domains\\\":[\\\"member\\\",\\\"claims\\\"],\\\"run_id\\\":\\\"r1\\\"}\"]" + "0".repeat(64)));
    assertThat(records.get(3).hash()).isEqualTo(sha256Hex("[4,\"2025-06-30T12:00:00Z\",\"query\",\"alice\","
        + "\"{\\\"as\\\":\\\"actuarial\\\",\\\"sql\\\":\\\"SELECT 1\\\"}\"]" + records.get(2).hash()));
    for (int i = 1; i < records.size(); i++) {
      assertThat(records.get(i).previousHash()).isEqualTo(records.get(i - 1).hash());
    }
    assertThat(log.verify()).isEmpty();
  }

  /** An append finds the last record in the latest commit's metadata; after a commit of another kind, in the table. */
  @Test
  void anAppendAfterACommitOfAnotherKindStillChainsToTheLastRecord() {
    AuditLog log = emptyAuditLog();
    log.append(EVENTS.subList(0, 2));
    spark().sql("ALTER TABLE delta.`" + log.location() + "` SET TBLPROPERTIES ('delta.logRetentionDuration' ="
        + " 'interval 60 days')");
    log.append(EVENTS.subList(2, 5));

    assertThat(spark().read().format("delta").load(log.location()).orderBy("sequence").collectAsList())
        .extracting(r -> r.getLong(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(log.verify()).isEmpty();
  }

  @Test
  void theTableRefusesUpdatesUnlessAppendOnlyIsTurnedOff() {
    AuditLog log = auditLogWithFiveRecords();

    assertThatThrownBy(() -> spark().sql("UPDATE delta.`" + log.location() + "` SET actor = 'mallory'"))
        .hasMessageContaining("delta.appendOnly");
  }

  @Test
  void anUpdatedRecordIsFoundWithWhatChanged() {
    AuditLog log = auditLogWithFiveRecords();

    tamper(log, "UPDATE $log SET actor = 'mallory' WHERE sequence = 4");

    List<AuditFinding> findings = log.verify();
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).sequence()).isEqualTo(4);
    assertThat(findings.get(0).problem()).startsWith("its content does not match its hash ")
        .endsWith("; actor was alice and is now mallory");
  }

  @Test
  void anUpdateThatAlsoRewritesTheHashBreaksTheNextLink() {
    AuditLog log = auditLogWithFiveRecords();
    String hash3 = spark().sql("SELECT hash FROM delta.`" + log.location() + "` WHERE sequence = 3").first().getString(0);

    tamper(log, "UPDATE $log SET hash = sha2('forged', 256) WHERE sequence = 3");

    assertThat(log.verify()).extracting(AuditFinding::toString).containsExactly(
        "record 3: its content does not match its hash " + sha256Of("forged"),
        "record 4: previous_hash " + hash3 + " is not the hash " + sha256Of("forged")
            + " of record 3: a record before it was changed or replaced");
  }

  private static String sha256Of(String text) {
    try {
      return sha256Hex(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aDeletedRecordIsFound() {
    AuditLog log = auditLogWithFiveRecords();

    tamper(log, "DELETE FROM $log WHERE sequence = 2");

    assertThat(log.verify()).extracting(AuditFinding::toString).containsExactly("record 3: record 2 is missing before it");
  }

  @Test
  void forgedRecordsAreFound() {
    AuditLog log = auditLogWithFiveRecords();
    String hash5 = spark().sql("SELECT hash FROM delta.`" + log.location() + "` WHERE sequence = 5").first().getString(0);

    tamper(log, "INSERT INTO $log VALUES "
        + "(2, TIMESTAMP'2025-06-30 12:00:00', 'query', 'mallory', '{}', '" + "0".repeat(64) + "', 'f00d'), "
        + "(6, TIMESTAMP'2025-06-30 13:00:00', 'query', 'mallory', '{}', '" + hash5 + "', 'beef')");

    List<AuditFinding> findings = log.verify();
    assertThat(findings).extracting(AuditFinding::sequence).containsExactly(2L, 6L);
    assertThat(findings.get(0).problem()).startsWith("2 records carry this sequence number, with hashes [")
        .contains("f00d");
    assertThat(findings.get(1).problem()).isEqualTo("its content does not match its hash beef");
  }

  @Test
  void concurrentAppendersNeverForkTheChain() throws Exception {
    Warehouse store = Warehouse.delta(spark(), freshWarehouse());
    AuditLog log = new AuditLog(store.delta(), Clock.systemUTC());
    log.append(List.of(new AuditEvent(AuditKind.RUN, "meshlake", Map.of())));
    Thread[] writers = new Thread[3];
    for (int w = 0; w < writers.length; w++) {
      String actor = "writer" + w;
      writers[w] = new Thread(() -> new AuditLog(store.delta(), Clock.systemUTC())
          .append(List.of(new AuditEvent(AuditKind.QUERY, actor, Map.of()))));
      writers[w].start();
    }
    for (Thread writer : writers) {
      writer.join();
    }

    assertThat(spark().read().format("delta").load(log.location()).count()).isEqualTo(4);
    assertThat(log.verify()).isEmpty();
  }
}
