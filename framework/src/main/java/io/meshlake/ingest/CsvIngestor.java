package io.meshlake.ingest;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.IngestTable;
import io.meshlake.table.Commit;
import io.meshlake.table.DeltaTableStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Appends new extract files to a bronze table in one commit, and their refused lines to the table's
 * quarantine. Files are read in parallel byte ranges (splits); each refused line keeps its raw text,
 * file, line number and reason. Afterwards every file reconciles: lines read = rows written + rows
 * quarantined, checked against Delta's own count of written rows.
 */
public final class CsvIngestor {
  private final DeltaTableStore store;
  private final long splitBytes;

  /** @param splitBytes the size of the byte ranges files are read in, in parallel */
  public CsvIngestor(DeltaTableStore store, long splitBytes) {
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
   * @throws MalformedExtractException when a file does not fit the layout at all; nothing is committed
   */
  public Outcome ingest(IngestTable table, List<SourceFile> files, Map<String, Integer> fileVersions,
      String runId, Instant ingestedAt, boolean replace, Consumer<String> progress) {
    Parsed parsed = parse(table, files, runId, ingestedAt, progress);
    if (!store.exists(table.id())) {
      store.create(table.id(), parsed.rows().schema(), List.of(), table.description(), Map.of(
          "meshlake.domain", table.id().domain(), "meshlake.layer", "bronze", "meshlake.layout", table.layout().name()));
    }
    progress.accept("reading " + files.size() + " file(s), " + mebibytes(totalBytes(files)));
    String manifest = IngestManifest.of(runId, files, fileVersions).toJson();
    parsed.rows().write().format("delta").mode(replace ? "overwrite" : "append").option("userMetadata", manifest)
        .save(store.location(table.id()));
    Commit commit = store.lastCommit(table.id());

    Map<String, Map<Long, ChunkParser.SplitStats>> splits = splitsByFile(parsed.stats().value());
    List<ChunkParser.BadLine> refused = distinctByPosition(parsed.badLines().value());
    List<IngestedFile> ingested = reconcile(files, fileVersions, splits, refused.size());
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

  /** Parses the files again for their refused lines only, when an interrupted run's quarantine commit is missing. */
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
    parsed.rows().foreach(row -> { }); // parse only: the refused lines gather in the accumulators
    List<ChunkParser.BadLine> refused = distinctByPosition(parsed.badLines().value());
    if (!refused.isEmpty()) {
      writeQuarantine(table, refused, splitsByFile(parsed.stats().value()), runId, ingestedAt, false,
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

  /** The bronze rows of the files (parsed lazily) and the accumulators the parse fills. */
  private record Parsed(Dataset<Row> rows, CollectionAccumulator<ChunkParser.SplitStats> stats,
      CollectionAccumulator<ChunkParser.BadLine> badLines) {}

  private Parsed parse(IngestTable table, List<SourceFile> files, String runId, Instant ingestedAt,
      Consumer<String> progress) {
    SparkSession spark = store.spark();
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, splitBytes);
    Map<String, RowParser> parsers = new HashMap<>();
    for (SourceFile file : files) {
      RowParser parser = RowParser.forHeader(table.layout(), file.fileName(), headerOf(file, conf));
      if (!parser.absentFields().isEmpty()) {
        progress.accept(file.fileName() + " has no column(s) " + parser.absentFields() + "; they are left empty");
      }
      parsers.put(file.path(), parser);
    }
    CollectionAccumulator<ChunkParser.SplitStats> stats = spark.sparkContext().collectionAccumulator("ingest-splits");
    CollectionAccumulator<ChunkParser.BadLine> badLines = spark.sparkContext().collectionAccumulator("ingest-refused");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String paths = String.join(",", files.stream().map(SourceFile::path).toList());
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
        jsc.newAPIHadoopFile(paths, TextInputFormat.class, LongWritable.class, Text.class, conf);
    JavaRDD<Row> rows = lines.mapPartitionsWithInputSplit(
        new ChunkParser(parsers, runId, ingestedAt, stats, badLines), true);
    return new Parsed(spark.createDataFrame(rows, IngestColumns.bronzeSchema(table.layout())), stats, badLines);
  }

  private void writeQuarantine(IngestTable table, List<ChunkParser.BadLine> refused,
      Map<String, Map<Long, ChunkParser.SplitStats>> splits, String runId, Instant ingestedAt, boolean replace,
      String manifest) {
    Map<String, Map<Long, Long>> firstLineOfSplit = new HashMap<>();
    splits.forEach((file, byStart) -> {
      Map<Long, Long> first = new HashMap<>();
      long line = 1;
      for (ChunkParser.SplitStats split : byStart.values()) { // TreeMap: by start offset
        first.put(split.start(), line);
        line += split.lines();
      }
      firstLineOfSplit.put(file, first);
    });
    List<Row> rows = new ArrayList<>(refused.size());
    for (ChunkParser.BadLine bad : refused) {
      long lineNumber = firstLineOfSplit.get(bad.file()).get(bad.start()) + bad.indexInSplit();
      rows.add(RowFactory.create(bad.raw(), bad.reason(), bad.file(), lineNumber, bad.offset(), runId, ingestedAt));
    }
    Dataset<Row> quarantine = store.spark().createDataFrame(rows, IngestColumns.quarantineSchema());
    var id = table.quarantine();
    if (!store.exists(id)) {
      store.create(id, quarantine.schema(), List.of(), "Lines of " + table.id() + "'s extract files that did not fit layout "
          + table.layout().name() + ", with the reason", Map.of("meshlake.domain", id.domain(), "meshlake.layer", "bronze"));
    }
    quarantine.coalesce(1).write().format("delta").mode(replace ? "overwrite" : "append").option("userMetadata", manifest)
        .save(store.location(id));
  }

  private static List<IngestedFile> reconcile(List<SourceFile> files, Map<String, Integer> fileVersions,
      Map<String, Map<Long, ChunkParser.SplitStats>> splits, long refusedTotal) {
    List<IngestedFile> result = new ArrayList<>();
    long refusedCounted = 0;
    for (SourceFile file : files) {
      long lines = 0;
      long good = 0;
      long bad = 0;
      for (ChunkParser.SplitStats split : splits.getOrDefault(file.path(), Map.of()).values()) {
        lines += split.lines();
        good += split.good();
        bad += split.bad();
      }
      long rowsIn = Math.max(0, lines - 1); // the header is not a row
      refusedCounted += bad;
      result.add(new IngestedFile(file.path(), file.checksum(), file.size(), file.modifiedAt(),
          fileVersions.getOrDefault(file.path(), 1), rowsIn, good, bad));
    }
    if (refusedCounted != refusedTotal) {
      throw new IllegalStateException("Refused line counts disagree: " + refusedCounted + " counted, "
          + refusedTotal + " collected");
    }
    return result;
  }

  private static Map<String, Map<Long, ChunkParser.SplitStats>> splitsByFile(List<ChunkParser.SplitStats> stats) {
    Map<String, Map<Long, ChunkParser.SplitStats>> byFile = new HashMap<>();
    for (ChunkParser.SplitStats s : stats) { // a retried task reports its split again: keep one
      byFile.computeIfAbsent(s.file(), f -> new TreeMap<>()).put(s.start(), s);
    }
    return byFile;
  }

  private static List<ChunkParser.BadLine> distinctByPosition(List<ChunkParser.BadLine> lines) {
    Map<String, ChunkParser.BadLine> unique = new LinkedHashMap<>();
    for (ChunkParser.BadLine line : lines) {
      unique.putIfAbsent(line.file() + "@" + line.offset(), line);
    }
    List<ChunkParser.BadLine> sorted = new ArrayList<>(unique.values());
    sorted.sort(Comparator.comparing(ChunkParser.BadLine::file).thenComparingLong(ChunkParser.BadLine::offset));
    return sorted;
  }

  private static String headerOf(SourceFile file, Configuration conf) {
    Path path = new Path(file.path());
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      try (InputStream raw = fs.open(path);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String header = reader.readLine();
        if (header == null) {
          throw new MalformedExtractException(file.fileName() + " is empty: an extract file needs at least a header line");
        }
        return header.endsWith("\r") ? header.substring(0, header.length() - 1) : header;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the header of " + file.path() + ": " + e.getMessage(), e);
    }
  }

  private static String mebibytes(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static long totalBytes(List<SourceFile> files) {
    return files.stream().mapToLong(SourceFile::size).sum();
  }
}
