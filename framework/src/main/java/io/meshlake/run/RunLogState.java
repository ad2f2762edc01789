package io.meshlake.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshlake.ingest.IngestedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What the runner needs from the run log (each table's last successful build, each bronze table's
 * ingested files) as of one run log version, cached as JSON beside the run log. A run compares the
 * cached version with the run log's latest commit: equal, it uses the cache and starts no Spark job to
 * learn that nothing changed; different (another run committed since), it reads the table. The cache
 * is only ever a copy of the table at its version, so it can be deleted at any time.
 *
 * @param version the run log version this state reflects
 * @param lastSuccess by qualified table name
 * @param ingested by qualified table name, then file path: the latest content ingested under the path
 * @param ingestedAt by qualified table name, then file path: when that content was ingested (the end of its
 *     build, to the microsecond as the run log keeps it)
 */
record RunLogState(long version, Map<String, TableBuild> lastSuccess, Map<String, Map<String, IngestedFile>> ingested,
    Map<String, Map<String, Instant>> ingestedAt) {
  /** The state before the first run. */
  static final RunLogState EMPTY = new RunLogState(-1, Map.of(), Map.of(), Map.of());

  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .registerModule(new Jdk8Module())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** This state with later builds applied (only successful ones count), as of {@code newVersion}. */
  RunLogState plus(List<TableBuild> builds, long newVersion) {
    Map<String, TableBuild> last = new HashMap<>(lastSuccess);
    Map<String, Map<String, IngestedFile>> files = new HashMap<>();
    ingested.forEach((table, byPath) -> files.put(table, new LinkedHashMap<>(byPath)));
    Map<String, Map<String, Instant>> times = new HashMap<>();
    ingestedAt.forEach((table, byPath) -> times.put(table, new HashMap<>(byPath)));
    for (TableBuild build : builds) {
      if (build.status() == BuildStatus.SUCCEEDED) {
        String table = build.table().qualifiedName();
        last.put(table, build);
        Map<String, IngestedFile> byPath = files.computeIfAbsent(table, t -> new LinkedHashMap<>());
        Map<String, Instant> at = times.computeIfAbsent(table, t -> new HashMap<>());
        for (IngestedFile f : build.files()) {
          byPath.put(f.path(), f);
          at.put(f.path(), build.endedAt().truncatedTo(ChronoUnit.MICROS));
        }
      }
    }
    return new RunLogState(newVersion, last, files, times);
  }

  /** The cached state, if the cache exists and reflects {@code version}. */
  static Optional<RunLogState> read(Path file, long version, Configuration conf) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        RunLogState state = JSON.readValue(in, RunLogState.class);
        // A cache written before ingest times were kept lacks them: read the table instead.
        return state.version() == version && state.ingestedAt() != null ? Optional.of(state) : Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a missing or unreadable cache only costs a read of the run log
    }
  }

  /** Writes the cache atomically (a temporary file renamed over the old one). */
  void write(Path file, Configuration conf) {
    try {
      FileSystem fs = file.getFileSystem(conf);
      Path temp = new Path(file.getParent(), "." + file.getName() + "." + System.nanoTime() + ".tmp");
      try (OutputStream out = fs.create(temp, true)) {
        JSON.writeValue(out, this);
      }
      fs.delete(file, false);
      if (!fs.rename(temp, file)) {
        fs.delete(temp, false);
      }
    } catch (IOException e) {
      // The cache is an optimisation: without it the next run reads the run log table.
    }
  }
}
