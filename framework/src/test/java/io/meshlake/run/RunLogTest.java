package io.meshlake.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.TableId;
import io.meshlake.ingest.IngestedFile;
import io.meshlake.table.DeltaTableStore;
import io.meshlake.testing.SparkTestBase;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunLogTest extends SparkTestBase {
  private static final TableId RAW = TableId.parse("d_bronze.raw");

  private static TableBuild ingest(String run, String path, String checksum) {
    return ingest(run, Instant.now(), new IngestedFile(path, checksum, 10, 1, 1, 1, 1, 0));
  }

  private static TableBuild ingest(String run, Instant endedAt, IngestedFile... files) {
    return new TableBuild(run, RAW, BuildStatus.SUCCEEDED, endedAt, endedAt, 1, 1, 0, Map.of(), Optional.of(1L),
        List.of(files), "");
  }

  @Test
  void aRunSeesWhatAnotherProcessRecordedSinceItsCacheWasWritten() {
    String warehouse = freshWarehouse();
    RunLog first = new RunLog(new DeltaTableStore(spark(), warehouse));
    RunLog second = new RunLog(new DeltaTableStore(spark(), warehouse));
    assertThat(second.ingestedFiles(RAW)).isEmpty(); // second has loaded its (empty) view

    first.record(List.of(ingest("r1", "file:/a.csv", "c1")));
    second.record(List.of(ingest("r2", "file:/b.csv", "c2")));

    RunLog third = new RunLog(new DeltaTableStore(spark(), warehouse));
    assertThat(third.ingestedFiles(RAW)).containsOnlyKeys("file:/a.csv", "file:/b.csv");
    assertThat(third.lastSuccess(RAW)).map(TableBuild::runId).contains("r2");
  }

  @Test
  void theCacheIsOnlyACopy() {
    String warehouse = freshWarehouse();
    new RunLog(new DeltaTableStore(spark(), warehouse)).record(List.of(ingest("r1", "file:/a.csv", "c1")));
    File cache = new File(warehouse, RunLog.NAMESPACE + "/" + RunLog.TABLE + "_state.json");
    assertThat(cache).exists();
    assertThat(cache.delete()).isTrue();

    RunLog fresh = new RunLog(new DeltaTableStore(spark(), warehouse));
    assertThat(fresh.ingestedFiles(RAW)).containsOnlyKeys("file:/a.csv");
    assertThat(fresh.ingestedFiles(RAW).get("file:/a.csv").checksum()).isEqualTo("c1");
    assertThat(cache).exists();
  }

  @Test
  void filesIngestedSinceATimeAreTheLatestContentOfFilesIngestedAfterIt() {
    String warehouse = freshWarehouse();
    Instant t = Instant.parse("2026-01-10T00:00:00Z");
    IngestedFile oldA = new IngestedFile("file:/a.csv", "a1", 10, 1, 1, 100, 100, 0);
    IngestedFile b = new IngestedFile("file:/b.csv", "b1", 10, 1, 1, 50, 49, 1);
    IngestedFile newA = new IngestedFile("file:/a.csv", "a2", 10, 2, 2, 120, 118, 2);
    IngestedFile c = new IngestedFile("file:/c.csv", "c1", 10, 1, 1, 7, 7, 0);
    RunLog log = new RunLog(new DeltaTableStore(spark(), warehouse));
    log.record(List.of(ingest("r1", t.minusSeconds(60), oldA, b)));
    log.record(List.of(ingest("r2", t.plusSeconds(60), newA)));
    log.record(List.of(ingest("r3", t.plusSeconds(120), c)));

    // The extended cache and a fresh read of the table (cache deleted) answer alike.
    List<IngestedFile> cached = log.latestFilesIngestedSince(Set.of(RAW), t);
    new File(warehouse, RunLog.NAMESPACE + "/" + RunLog.TABLE + "_state.json").delete();
    List<IngestedFile> read = new RunLog(new DeltaTableStore(spark(), warehouse))
        .latestFilesIngestedSince(Set.of(RAW), t);

    assertThat(cached).containsExactlyInAnyOrder(newA, c);
    assertThat(read).containsExactlyInAnyOrder(newA, c);
    assertThat(log.latestFilesIngestedSince(Set.of(RAW), t.plusSeconds(90))).containsExactly(c);
    assertThat(log.latestFilesIngestedSince(Set.of(TableId.parse("d_bronze.other")), Instant.EPOCH)).isEmpty();
  }
}
