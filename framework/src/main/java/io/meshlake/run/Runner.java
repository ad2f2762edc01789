package io.meshlake.run;

import static org.apache.spark.sql.functions.col;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.IngestTable;
import io.meshlake.api.ReadMode;
import io.meshlake.api.TableId;
import io.meshlake.api.TransformContext;
import io.meshlake.governance.GovernedPublication;
import io.meshlake.governance.Governor;
import io.meshlake.ingest.BronzeIngestor;
import io.meshlake.ingest.ExtractScanner;
import io.meshlake.ingest.IngestedFile;
import io.meshlake.ingest.MalformedExtractException;
import io.meshlake.ingest.SourceFile;
import io.meshlake.plan.Plan;
import io.meshlake.quality.GateFailedException;
import io.meshlake.quality.LineCounts;
import io.meshlake.quality.QualityLog;
import io.meshlake.plan.Step;
import io.meshlake.table.Commit;
import io.meshlake.table.TableWriter;
import io.meshlake.table.Warehouse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a plan: builds each table in dependency order, skips tables whose inputs have not changed since
 * their last successful build (so a re-run commits nothing), records every build in the run log, and
 * returns the run's summary. A failed table leaves its data as it was; tables that depend on it are
 * skipped; independent tables still run.
 */
public final class Runner {
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** Beyond this many changed keys, an incremental-by-key table is recomputed whole. */
  private static final int MAX_INCREMENTAL_KEYS = 5000;
  /** The start of the Spark job group of a table's build; the table's qualified name follows. */
  public static final String JOB_GROUP_PREFIX = "meshlake:";
  /** The thread's Spark properties {@link SparkContext#setJobGroup} sets. */
  private static final List<String> JOB_GROUP_PROPERTIES = List.of("spark.jobGroup.id", "spark.job.description",
      "spark.job.interruptOnCancel");

  private final Warehouse store;
  private final RunLog runLog;
  private final TableWriter writer;
  private final Publication publication;
  private final Governor governor;
  private final QualityLog qualityLog;
  private final Consumer<String> progress;
  private final RunListener listener;

  /**
   * @param governor applies the governance policies to every gold publication and keeps the audit log
   */
  public Runner(Warehouse store, RunLog runLog, Governor governor, Consumer<String> progress) {
    this(store, runLog, governor, progress, RunListener.NONE);
  }

  /**
   * @param governor applies the governance policies to every gold publication and keeps the audit log
   * @param listener hears each table build begin and end (lineage)
   */
  public Runner(Warehouse store, RunLog runLog, Governor governor, Consumer<String> progress,
      RunListener listener) {
    this.store = store;
    this.runLog = runLog;
    this.writer = new TableWriter(store);
    this.publication = new Publication(store, governor, progress);
    this.governor = governor;
    this.qualityLog = new QualityLog(store.delta());
    this.progress = progress;
    this.listener = listener;
  }

  /** Runs the plan and records it. */
  public RunResult run(Plan plan, RunOptions options) {
    Instant startedAt = Instant.now();
    String runId = RUN_ID.format(startedAt) + "-" + UUID.randomUUID().toString().substring(0, 8);
    progress.accept("Run " + runId + ": " + plan.steps().size() + " table(s) of domain " + plan.selection().domain()
        + (options.fullRefresh() ? ", full refresh" : ""));
    List<TableBuild> builds = new ArrayList<>();
    List<QualityLog.Entry> verdicts = new ArrayList<>();
    List<GovernedPublication> governance = new ArrayList<>();
    Set<TableId> broken = new HashSet<>();
    int n = 0;
    RunListener.Builds heard = listener.runStarted(runId, plan.selection().domain(), options);
    for (Step step : plan.steps()) {
      n++;
      progress.accept(String.format("[%d/%d] %s", n, plan.steps().size(), step.id().qualifiedName()));
      Gold gold = new Gold(options.asOf().orElse(startedAt), () -> lines(plan, step, builds), verdicts, governance);
      TableBuild build = build(step, options, runId, startedAt, broken, gold, heard);
      if (build.status() == BuildStatus.FAILED || build.status() == BuildStatus.SKIPPED) {
        broken.add(step.id());
      }
      progress.accept(String.format("      %s in %.1f s%s", build.status(), build.elapsed().toMillis() / 1000.0,
          build.message().isEmpty() ? "" : ": " + build.message()));
      if (build.status() != BuildStatus.SKIPPED) {
        heard.ended(step, build, verdicts.stream().filter(v -> v.product().equals(step.id())).reduce((a, b) -> b));
      }
      builds.add(build);
    }
    runLog.record(builds);
    qualityLog.record(verdicts);
    if (!verdicts.isEmpty()) {
      progress.accept("Quality report: " + qualityLog.writeReport(runId, verdicts));
    }
    RunResult result = new RunResult(runId, plan.selection().domain(), startedAt, Instant.now(), builds, verdicts,
        governance);
    if (result.committedAnything() || !result.succeeded()) {
      governor.audit(runId, result.auditDetails(), governance);
    }
    return result;
  }

  /**
   * What a gold publication in this run needs besides the table: as-of time, upstream lines, the lists
   * of verdicts and of what governance did.
   */
  private record Gold(Instant asOf, Supplier<LineCounts> lines, List<QualityLog.Entry> verdicts,
      List<GovernedPublication> governance) {}

  /**
   * The extract lines behind a publication: those of the files ingested into the bronze tables {@code
   * step} is built from (directly or not) since the product was last published, in this run or in runs
   * whose publication failed. A file delivered again counts with its latest content only, so a corrected
   * re-delivery replaces the bad one.
   */
  private LineCounts lines(Plan plan, Step step, List<TableBuild> builds) {
    Map<TableId, Step> steps = new HashMap<>();
    plan.steps().forEach(s -> steps.put(s.id(), s));
    Set<TableId> upstream = new HashSet<>();
    List<Step> pending = new ArrayList<>(List.of(step));
    while (!pending.isEmpty()) {
      for (Step.Resolved input : pending.remove(pending.size() - 1).inputs()) {
        if (upstream.add(input.table()) && steps.containsKey(input.table())) {
          pending.add(steps.get(input.table()));
        }
      }
    }
    upstream.removeIf(t -> t.layer() != io.meshlake.api.Layer.BRONZE);
    Instant since = runLog.lastSuccess(step.id()).map(TableBuild::endedAt).orElse(Instant.EPOCH);
    Map<String, IngestedFile> latest = new HashMap<>();
    List<IngestedFile> files = new ArrayList<>(runLog.latestFilesIngestedSince(upstream, since));
    builds.stream().filter(b -> upstream.contains(b.table())).forEach(b -> files.addAll(b.files()));
    files.forEach(f -> latest.merge(f.path(), f, (a, b) -> a.fileVersion() >= b.fileVersion() ? a : b));
    return new LineCounts(sum(List.copyOf(latest.values()), IngestedFile::rowsIn),
        sum(List.copyOf(latest.values()), IngestedFile::rowsQuarantined));
  }

  /**
   * Builds a table with its Spark jobs in the job group {@link #JOB_GROUP_PREFIX}{@code <table>} (the Spark UI's
   * "Job Group"; threads the build starts inherit it), then restores the thread's group.
   */
  private TableBuild build(Step step, RunOptions options, String runId, Instant runStart, Set<TableId> broken,
      Gold gold, RunListener.Builds heard) {
    SparkContext context = store.spark().sparkContext();
    Map<String, String> previous = new HashMap<>();
    JOB_GROUP_PROPERTIES.forEach(p -> previous.put(p, context.getLocalProperty(p)));
    context.setJobGroup(JOB_GROUP_PREFIX + step.id().qualifiedName(), null, false);
    try {
      return buildInGroup(step, options, runId, runStart, broken, gold, heard);
    } finally {
      previous.forEach(context::setLocalProperty);
    }
  }

  private TableBuild buildInGroup(Step step, RunOptions options, String runId, Instant runStart, Set<TableId> broken,
      Gold gold, RunListener.Builds heard) {
    Instant started = Instant.now();
    Optional<TableId> brokenInput = step.inputs().stream().map(Step.Resolved::table).filter(broken::contains).findFirst();
    if (brokenInput.isPresent()) {
      return new TableBuild(runId, step.id(), BuildStatus.SKIPPED, started, Instant.now(), 0, 0, 0, Map.of(),
          Optional.empty(), List.of(), "not built because its input " + brokenInput.get() + " failed in this run");
    }
    heard.started(step, started);
    try {
      return step.table() instanceof IngestTable ingest
          ? ingest(ingest, options, runId, runStart, started)
          : derive(step, (DerivedTable) step.table(), options, runId, runStart, started, gold);
    } catch (Exception e) { // Spark's AnalysisException is a checked exception to Java, yet thrown by transforms
      return new TableBuild(runId, step.id(), BuildStatus.FAILED, started, Instant.now(), 0, 0, 0, Map.of(),
          Optional.empty(), List.of(), rootMessage(e));
    }
  }

  private TableBuild ingest(IngestTable table, RunOptions options, String runId, Instant runStart, Instant started) {
    Map<String, IngestedFile> known = new HashMap<>(runLog.ingestedFiles(table.id()));
    SparkSession spark = store.spark();
    BronzeIngestor ingestor = new BronzeIngestor(store.delta(), options.splitBytes());
    Consumer<String> indented = line -> progress.accept("      " + line);
    List<SourceFile> found = new ExtractScanner(spark.sparkContext().hadoopConfiguration())
        .scan(options.input(), table.format(), known);

    // Bronze commits newer than the last recorded ingest were made by a run that never recorded them.
    long recorded = runLog.lastSuccess(table.id()).flatMap(TableBuild::outputVersion).orElse(-1L);
    List<IngestedFile> recovered = store.version(table.id()).orElse(-1L) > recorded
        ? ingestor.recover(table, recorded, byPath(found), indented)
        : List.of();
    recovered.forEach(f -> known.put(f.path(), f));

    List<SourceFile> selected = new ArrayList<>();
    Map<String, Integer> versions = new HashMap<>();
    for (SourceFile file : found) {
      IngestedFile previous = known.get(file.path());
      boolean changed = previous == null || !previous.checksum().equals(file.checksum());
      if (changed || options.fullRefresh()) {
        selected.add(file);
        versions.put(file.path(), previous == null ? 1 : previous.fileVersion() + (changed ? 1 : 0));
      }
    }
    String recoveredNote = recovered.isEmpty() ? "" : "recorded " + recovered.size() + " file(s) an interrupted run had ingested";
    if (selected.isEmpty() && recovered.isEmpty() && ingestor.createIfMissing(table)) {
      return new TableBuild(runId, table.id(), BuildStatus.SUCCEEDED, started, Instant.now(), 0, 0, 0, Map.of(),
          store.version(table.id()), List.of(), "no " + table.format().describe() + " in " + options.input()
              + ": created the table empty");
    }
    if (selected.isEmpty()) {
      BuildStatus status = recovered.isEmpty() ? BuildStatus.UP_TO_DATE : BuildStatus.SUCCEEDED;
      return new TableBuild(runId, table.id(), status, started, Instant.now(), sum(recovered, IngestedFile::rowsIn),
          sum(recovered, IngestedFile::rowsOut), sum(recovered, IngestedFile::rowsQuarantined), Map.of(), store.version(table.id()), recovered,
          !recovered.isEmpty() ? recoveredNote
              : found.isEmpty() ? "no " + table.format().describe() + " in " + options.input()
              : "no new files (" + found.size() + " already ingested)");
    }
    BronzeIngestor.Outcome outcome = ingestor.ingest(table, selected, versions, runId, runStart, options.fullRefresh(), indented);
    List<IngestedFile> files = new ArrayList<>(recovered);
    files.addAll(outcome.files());
    return new TableBuild(runId, table.id(), BuildStatus.SUCCEEDED, started, Instant.now(), sum(files, IngestedFile::rowsIn),
        sum(files, IngestedFile::rowsOut), sum(files, IngestedFile::rowsQuarantined), Map.of(), Optional.of(outcome.commit().version()), files, recoveredNote);
  }

  private static Map<String, SourceFile> byPath(List<SourceFile> files) {
    Map<String, SourceFile> byPath = new HashMap<>();
    files.forEach(f -> byPath.put(f.path(), f));
    return byPath;
  }

  private static long sum(List<IngestedFile> files, java.util.function.ToLongFunction<IngestedFile> count) {
    return files.stream().mapToLong(count).sum();
  }

  private TableBuild derive(Step step, DerivedTable table, RunOptions options, String runId, Instant runStart,
      Instant started, Gold gold) {
    Map<String, Long> current = new LinkedHashMap<>();
    for (Step.Resolved input : step.inputs()) {
      TableId id = input.table();
      current.put(id.qualifiedName(), store.version(id).orElseThrow(() -> new IllegalStateException(
          input.table() + " has not been built yet"
              + (id.domain().equals(table.id().domain()) ? ": build it first (./meshlake run " + id.domain()
                  + " --table " + id.name() + ")" : ": it is published by domain " + id.domain()
                  + "; run `./meshlake run " + id.domain() + "` first"))));
    }
    Optional<TableBuild> last = runLog.lastSuccess(table.id());
    boolean exists = store.exists(table.id());
    Optional<String> stale = table.contract().isPresent() ? governor.staleness(table) : Optional.empty();
    if (!options.fullRefresh() && exists && last.isPresent() && last.get().inputVersions().equals(current)
        && stale.isEmpty()) {
      return new TableBuild(runId, table.id(), BuildStatus.UP_TO_DATE, started, Instant.now(), 0, 0, 0, current,
          store.version(table.id()), List.of(), "inputs unchanged since run " + last.get().runId());
    }
    stale.ifPresent(reason -> progress.accept("      publishing again in full: " + reason));
    boolean contractChanged = table.contract().isPresent() && publication.contractChanged(table);
    boolean continuing = !options.fullRefresh() && exists && last.isPresent() && !contractChanged && stale.isEmpty()
        && step.inputs().stream().allMatch(i -> last.get().inputVersions().containsKey(i.table().qualifiedName()));
    Optional<List<Object>> keys = continuing && table.incrementalKey().isPresent()
        ? changedKeys(step, table.incrementalKey().get(), last.get(), current)
        : Optional.empty();
    Map<String, Dataset<Row>> inputs = new LinkedHashMap<>();
    for (Step.Resolved input : step.inputs()) {
      long version = current.get(input.table().qualifiedName());
      Dataset<Row> data;
      if (keys.isPresent()) {
        data = store.read(input.table(), version).where(col(table.incrementalKey().get()).isin(keys.get().toArray()));
      } else if (continuing && input.input().mode() == ReadMode.NEW_ROWS) {
        data = store.insertedRows(input.table(), last.get().inputVersions().get(input.table().qualifiedName()), version);
      } else {
        data = store.read(input.table(), version);
      }
      table.incrementalKey().ifPresent(key -> requireColumn(table, input.table(), data, key));
      inputs.put(input.input().viewName(), data);
    }
    Context context = new Context(store.spark(), inputs, runId, runStart);
    inputs.forEach((name, data) -> data.createOrReplaceTempView(name));
    try {
      Dataset<Row> result = table.transform().apply(context);
      InputGuard.check(table, result, step.inputs().stream().map(i -> store.location(i.table())).toList());
      Publication.Writer write = rows -> keys.isPresent()
          ? writer.replaceKeys(table, rows, table.incrementalKey().get(), keys.get())
          : writer.write(table, rows, runStart, options.fullRefresh() || contractChanged);
      Commit commit;
      long version;
      long quarantined = 0;
      if (table.contract().isPresent()) {
        Optional<Governor.Increment> increment = keys.map(k -> new Governor.Increment(table.incrementalKey().get(), k));
        Publication.Outcome published = publication.publish(table, result, increment, write, runId, gold.asOf(),
            gold.lines(), gold.verdicts()::add);
        gold.verdicts().add(published.quality());
        gold.governance().add(published.governance());
        commit = published.commit();
        version = published.version();
        quarantined = published.quarantined();
      } else {
        commit = write.write(result);
        version = commit.version();
      }
      long in = quarantined
          + (commit.metrics().containsKey("numSourceRows") ? commit.metric("numSourceRows") : commit.metric("numOutputRows"));
      long out = commit.metrics().containsKey("numSourceRows")
          ? commit.metric("numTargetRowsInserted") + commit.metric("numTargetRowsUpdated")
          : commit.metric("numOutputRows");
      return new TableBuild(runId, table.id(), BuildStatus.SUCCEEDED, started, Instant.now(), in, out, quarantined, current,
          Optional.of(version), List.of(),
          keys.map(k -> "recomputed " + k.size() + " " + table.incrementalKey().get() + " value(s)").orElse(""));
    } finally {
      inputs.keySet().forEach(name -> store.spark().catalog().dropTempView(name));
    }
  }

  /**
   * The key values whose rows changed in any input since this table last read it, from the inputs'
   * change data feed; empty (meaning: recompute everything) when there are too many to list.
   */
  private Optional<List<Object>> changedKeys(Step step, String key, TableBuild last, Map<String, Long> current) {
    Dataset<Row> changed = null;
    for (Step.Resolved input : step.inputs()) {
      String name = input.table().qualifiedName();
      long consumed = last.inputVersions().get(name);
      if (consumed == current.get(name)) {
        continue;
      }
      Dataset<Row> changes = store.changes(input.table(), consumed, current.get(name));
      requireColumn((DerivedTable) step.table(), input.table(), changes, key);
      changes = changes.select(col(key));
      changed = changed == null ? changes : changed.union(changes);
    }
    List<Row> rows = changed.distinct().limit(MAX_INCREMENTAL_KEYS + 1).collectAsList();
    if (rows.size() > MAX_INCREMENTAL_KEYS) {
      return Optional.empty();
    }
    List<Object> keys = new ArrayList<>(rows.size());
    rows.forEach(r -> keys.add(r.get(0)));
    return Optional.of(keys);
  }

  private static void requireColumn(DerivedTable table, TableId input, Dataset<Row> data, String key) {
    if (!List.of(data.columns()).contains(key)) {
      throw new IllegalArgumentException(table.id() + " is declared incrementalBy(\"" + key + "\") but its input "
          + input + " has no column " + key + ": every input must carry the key, or drop incrementalBy");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      if (cause instanceof IllegalStateException || cause instanceof IllegalArgumentException
          || cause instanceof MalformedExtractException) {
        break;
      }
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
    return cause instanceof GateFailedException ? message : message.lines().findFirst().orElse(message);
  }

  private record Context(SparkSession spark, Map<String, Dataset<Row>> inputs, String runId, Instant runStartedAt)
      implements TransformContext {
    @Override
    public Dataset<Row> input(String name) {
      Dataset<Row> data = inputs.get(name);
      if (data == null) {
        throw new IllegalArgumentException("'" + name + "' is not a declared input of this table. Declared: "
            + String.join(", ", inputs.keySet()));
      }
      return data;
    }
  }
}
