package io.meshlake.ingest;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.IngestTable;
import io.meshlake.table.Commit;
import io.meshlake.table.DeltaTableStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Appends new extract files to a bronze table in one commit, and their refused records to the table's
 * quarantine, whatever the table's {@link ExtractFormat}. Files are read in parallel (line-based files
 * in byte ranges); each refused record keeps its raw text, file, line or entry number and reason.
 * Afterwards every file reconciles: records read = rows written + rows quarantined, checked against
 * Delta's own count of written rows.
 */
public final class BronzeIngestor {
  private final DeltaTableStore store;
  private final long splitBytes;

  /** @param splitBytes the size of the byte ranges line-based files are read in, in parallel */
  public BronzeIngestor(DeltaTableStore store, long splitBytes) {
    this.store = store;
    this.splitBytes = splitBytes;
  }

  /** What an ingest wrote. */
  public record Outcome(Commit commit, List<IngestedFile> files) {}

  /**
   * Ingests the files. With {@code replace}, the table's rows are replaced by these files' rows (a
   * full refresh); otherwise they are appended.
   *
   * @param fileVersions the version of each file name, by path (1 for a name never seen before)
   * @throws MalformedExtractException when a file does not fit the format at all; nothing is committed
   */
  public Outcome ingest(IngestTable table, List<SourceFile> files, Map<String, Integer> fileVersions,
      String runId, Instant ingestedAt, boolean replace, Consumer<String> progress) {
    Parsed parsed = parse(table, files, runId, ingestedAt, progress);
    createIfMissing(table);
    progress.accept("reading " + files.size() + " file(s), " + mebibytes(totalBytes(files)));
    String manifest = IngestManifest.of(runId, files, fileVersions).toJson();
    parsed.rows().write().format("delta").mode(replace ? "overwrite" : "append").option("userMetadata", manifest)
        .save(store.location(table.id()));
    Commit commit = store.lastCommit(table.id());

    Map<String, Map<Long, Tally.SplitStats>> splits = splitsByFile(parsed.tally().stats().value());
    List<Tally.Refused> refused = distinctByPosition(parsed.tally().refused().value());
    List<IngestedFile> ingested = reconcile(files, fileVersions, splits, refused.size(), parsed.headerLines());
    long written = ingested.stream().mapToLong(IngestedFile::rowsOut).sum();
    if (written != commit.metric("numOutputRows")) {
      throw new IllegalStateException("Ingest of " + table.id() + " counted " + written
          + " good rows but Delta wrote " + commit.metric("numOutputRows") + " (version " + commit.version()
          + "); please report this with the run id " + runId);
    }
    if (!refused.isEmpty() || replace) {
      writeQuarantine(table, refused, splits, runId, ingestedAt, replace, manifest);
    }
    return new Outcome(commit, ingested);
  }

  /**
   * Creates the table, empty, if it does not exist yet: a source whose files have not come yet is an
   * empty table, so the tables built from it (e.g. a silver table fed by CSV and FHIR extracts alike) run.
   *
   * @return whether the table was created
   */
  public boolean createIfMissing(IngestTable table) {
    if (store.exists(table.id())) {
      return false;
    }
    store.create(table.id(), IngestColumns.bronzeSchema(table.format()), List.of(), table.description(), Map.of(
        "meshlake.domain", table.id().domain(), "meshlake.layer", "bronze", "meshlake.layout", table.format().name()));
    return true;
  }

  /**
   * Completes the ingests that runs committed to bronze after {@code recordedVersion} but never
   * recorded (the run died, or failed after its bronze commit): counts their rows back from bronze and
   * quarantine, re-quarantines refused lines if that commit was lost, and returns the files so the
   * caller records them as ingested rather than ingesting them twice.
   */
  public List<IngestedFile> recover(IngestTable table, long recordedVersion, Map<String, SourceFile> current,
      Consumer<String> progress) {
    List<IngestedFile> recovered = new ArrayList<>();
    for (Commit commit : store.commitsAfter(table.id(), recordedVersion)) {
      Optional<IngestManifest> manifest = IngestManifest.parse(commit.userMetadata());
      if (manifest.isEmpty()) {
        continue;
      }
      String runId = manifest.get().runId();
      progress.accept("completing the record of run " + runId + ", which committed " + manifest.get().files().size()
          + " file(s) to bronze (version " + commit.version() + ") but did not record them");
      Map<String, Long> written = countByFile(store.read(table.id(), commit.version()), runId);
      Map<String, Long> quarantined = store.exists(table.quarantine())
          ? countByFile(store.read(table.quarantine(), store.version(table.quarantine()).orElseThrow()), runId)
          : Map.of();
      if (quarantined.isEmpty()) {
        quarantined = requarantine(table, manifest.get(), current, runId, progress);
      }
      for (IngestManifest.Entry f : manifest.get().files()) {
        long out = written.getOrDefault(f.path(), 0L);
        long bad = quarantined.getOrDefault(f.path(), 0L);
        recovered.add(new IngestedFile(f.path(), f.checksum(), f.size(), f.modifiedAt(), f.fileVersion(), out + bad, out, bad));
      }
    }
    return recovered;
  }

  /** Parses the files again for their refused records only, when an interrupted run's quarantine commit is missing. */
  private Map<String, Long> requarantine(IngestTable table, IngestManifest manifest, Map<String, SourceFile> current,
      String runId, Consumer<String> progress) {
    List<SourceFile> unchanged = manifest.files().stream()
        .filter(f -> current.containsKey(f.path()) && current.get(f.path()).checksum().equals(f.checksum()))
        .map(f -> current.get(f.path()))
        .toList();
    if (unchanged.size() < manifest.files().size()) {
      progress.accept("some files of run " + runId + " changed or disappeared since; their refused lines cannot be re-read");
    }
    if (unchanged.isEmpty()) {
      return Map.of();
    }
    Instant ingestedAt = Instant.now();
    Parsed parsed = parse(table, unchanged, runId, ingestedAt, progress);
    parsed.rows().foreach(row -> { }); // parse only: the refused records gather in the tally
    List<Tally.Refused> refused = distinctByPosition(parsed.tally().refused().value());
    if (!refused.isEmpty()) {
      writeQuarantine(table, refused, splitsByFile(parsed.tally().stats().value()), runId, ingestedAt, false,
          IngestManifest.of(runId, unchanged, Map.of()).toJson());
    }
    Map<String, Long> counts = new HashMap<>();
    refused.forEach(b -> counts.merge(b.file(), 1L, Long::sum));
    return counts;
  }

  private static Map<String, Long> countByFile(Dataset<Row> rows, String runId) {
    Map<String, Long> counts = new HashMap<>();
    rows.where(col(IngestColumns.INGEST_RUN_ID).equalTo(runId)).groupBy(IngestColumns.SOURCE_FILE).count()
        .collectAsList().forEach(r -> counts.put(r.getString(0), r.getLong(1)));
    return counts;
  }

  /** The bronze rows of the files (parsed lazily), the tally the parse fills, and the non-record lines per file. */
  private record Parsed(Dataset<Row> rows, Tally tally, long headerLines) {}

  private Parsed parse(IngestTable table, List<SourceFile> files, String runId, Instant ingestedAt,
      Consumer<String> progress) {
    SparkSession spark = store.spark();
    ExtractReader reader = ExtractReader.of(table.format(), splitBytes);
    Tally tally = Tally.register(spark.sparkContext());
    JavaRDD<Row> rows = reader.read(spark, files, runId, ingestedAt, tally, progress);
    return new Parsed(spark.createDataFrame(rows, IngestColumns.bronzeSchema(table.format())), tally, reader.headerLines());
  }

  private void writeQuarantine(IngestTable table, List<Tally.Refused> refused,
      Map<String, Map<Long, Tally.SplitStats>> splits, String runId, Instant ingestedAt, boolean replace,
      String manifest) {
    Map<String, Map<Long, Long>> firstLineOfSplit = new HashMap<>();
    splits.forEach((file, byStart) -> {
      Map<Long, Long> first = new HashMap<>();
      long line = 1;
      for (Tally.SplitStats split : byStart.values()) { // TreeMap: by start offset
        first.put(split.start(), line);
        line += split.records();
      }
      firstLineOfSplit.put(file, first);
    });
    List<Row> rows = new ArrayList<>(refused.size());
    for (Tally.Refused bad : refused) {
      long lineNumber = firstLineOfSplit.get(bad.file()).get(bad.start()) + bad.indexInSplit();
      rows.add(RowFactory.create(bad.raw(), bad.reason(), bad.file(), lineNumber, bad.offset(), runId, ingestedAt));
    }
    Dataset<Row> quarantine = store.spark().createDataFrame(rows, IngestColumns.quarantineSchema());
    var id = table.quarantine();
    if (!store.exists(id)) {
      store.create(id, quarantine.schema(), List.of(), "Records of " + table.id() + "'s extract files that did not fit "
          + table.format().name() + ", with the reason", Map.of("meshlake.domain", id.domain(), "meshlake.layer", "bronze"));
    }
    quarantine.coalesce(1).write().format("delta").mode(replace ? "overwrite" : "append").option("userMetadata", manifest)
        .save(store.location(id));
  }

  private static List<IngestedFile> reconcile(List<SourceFile> files, Map<String, Integer> fileVersions,
      Map<String, Map<Long, Tally.SplitStats>> splits, long refusedTotal, long headerLines) {
    List<IngestedFile> result = new ArrayList<>();
    long refusedCounted = 0;
    for (SourceFile file : files) {
      long records = 0;
      long good = 0;
      long bad = 0;
      for (Tally.SplitStats split : splits.getOrDefault(file.path(), Map.of()).values()) {
        records += split.records();
        good += split.good();
        bad += split.bad();
      }
      long rowsIn = Math.max(0, records - headerLines); // a header is not a row
      refusedCounted += bad;
      result.add(new IngestedFile(file.path(), file.checksum(), file.size(), file.modifiedAt(),
          fileVersions.getOrDefault(file.path(), 1), rowsIn, good, bad));
    }
    if (refusedCounted != refusedTotal) {
      throw new IllegalStateException("Refused record counts disagree: " + refusedCounted + " counted, "
          + refusedTotal + " collected");
    }
    return result;
  }

  private static Map<String, Map<Long, Tally.SplitStats>> splitsByFile(List<Tally.SplitStats> stats) {
    Map<String, Map<Long, Tally.SplitStats>> byFile = new HashMap<>();
    for (Tally.SplitStats s : stats) { // a retried task reports its split again: keep one
      byFile.computeIfAbsent(s.file(), f -> new TreeMap<>()).put(s.start(), s);
    }
    return byFile;
  }

  private static List<Tally.Refused> distinctByPosition(List<Tally.Refused> records) {
    Map<String, Tally.Refused> unique = new LinkedHashMap<>();
    for (Tally.Refused record : records) {
      unique.putIfAbsent(record.file() + "@" + record.offset(), record);
    }
    List<Tally.Refused> sorted = new ArrayList<>(unique.values());
    sorted.sort(Comparator.comparing(Tally.Refused::file).thenComparingLong(Tally.Refused::offset));
    return sorted;
  }

  private static String mebibytes(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static long totalBytes(List<SourceFile> files) {
    return files.stream().mapToLong(SourceFile::size).sum();
  }
}
