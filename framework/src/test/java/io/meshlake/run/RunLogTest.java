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
import org.junit.jupiter.api.Test;

class RunLogTest extends SparkTestBase {
  private static final TableId RAW = TableId.parse("d_bronze.raw");

  private static TableBuild ingest(String run, String path, String checksum) {
    Instant now = Instant.now();
    return new TableBuild(run, RAW, BuildStatus.SUCCEEDED, now, now, 1, 1, 0, Map.of(), Optional.of(1L),
        List.of(new IngestedFile(path, checksum, 10, 1, 1, 1, 1, 0)), "");
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
}
