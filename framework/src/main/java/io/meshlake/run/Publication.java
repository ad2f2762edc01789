package io.meshlake.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import io.meshlake.api.DerivedTable;
import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractComments;
import io.meshlake.contract.PublishedSchema;
import io.meshlake.contract.SchemaCheck;
import io.meshlake.governance.GovernedPublication;
import io.meshlake.governance.Governor;
import io.meshlake.quality.Check;
import io.meshlake.quality.GateFailedException;
import io.meshlake.quality.GateResult;
import io.meshlake.quality.LineCounts;
import io.meshlake.quality.ProductRules;
import io.meshlake.quality.QualityGate;
import io.meshlake.quality.QualityLog;
import io.meshlake.quality.RuleFile;
import io.meshlake.quality.RuleFiles;
import io.meshlake.quality.Rule;
import io.meshlake.quality.RuleOutcome;
import io.meshlake.table.Commit;
import io.meshlake.table.Warehouse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Publishes a gold data product: the candidate must match its contract (and not break the published
 * one without a major version raise); governance removes members a consent-bound purpose may not
 * include; it must pass its quality gate; only then is it written, in one commit, together with the
 * tables governance derives from it for each consumer class. Rows moved by quarantine rules go to
 * {@code <product>_quarantine}. A failed gate leaves the published table exactly as it was and keeps
 * the candidate for inspection.
 */
final class Publication {
  private final Warehouse store;
  private final Governor governor;
  private final Consumer<String> progress;

  Publication(Warehouse store, Governor governor, Consumer<String> progress) {
    this.store = store;
    this.governor = governor;
    this.progress = progress;
  }

  /**
   * What a publication did.
   *
   * @param commit the data commit
   * @param version the table's version after the publication (the data commit, or the contract
   *     properties commit after it)
   */
  record Outcome(Commit commit, long version, long quarantined, QualityLog.Entry quality,
      GovernedPublication governance) {}

  /** What the gold write did. */
  private record Written(Commit commit, long quarantined) {}

  /**
   * Whether the product's contract differs from the one it was last published under, in which case
   * the build must be complete rather than incremental.
   */
  boolean contractChanged(DerivedTable table) {
    return store.exists(table.id()) && published(table.id())
        .map(p -> !p.equals(PublishedSchema.of(table.contract().orElseThrow()))).orElse(true);
  }

  /**
   * Governs, gates and writes a candidate.
   *
   * @param increment for an incremental build, the keys it recomputed (the published rows of other keys stay)
   * @param write writes the rows to publish and returns the commit
   * @throws GateFailedException when a fail-action rule does not hold (the entry is passed to {@code failed})
   */
  Outcome publish(DerivedTable table, Dataset<Row> candidate, Optional<Governor.Increment> increment, Writer write,
      String runId, Instant asOf, Supplier<LineCounts> lines, Consumer<QualityLog.Entry> failed) {
    Contract contract = table.contract().orElseThrow();
    List<String> problems = SchemaCheck.conformance(contract, candidate.schema());
    if (!problems.isEmpty()) {
      throw new IllegalStateException(table.id() + " does not match its contract (" + io.meshlake.contract.Contracts
          .resource(table.id().domain(), table.id().name()) + "): " + String.join("; ", problems));
    }
    boolean exists = store.exists(table.id());
    Optional<PublishedSchema> published = exists ? published(table.id()) : Optional.empty();
    if (published.isPresent()) {
      List<String> breaking = SchemaCheck.breakingChanges(published.get(), contract);
      if (!breaking.isEmpty()) {
        throw new IllegalStateException(SchemaCheck.breakingMessage(table.id().qualifiedName(), published.get(),
            contract, breaking));
      }
    }
    RuleFile rules = RuleFiles.load(table.id().domain(), table.id().name());
    FileSystemMetricsRepository history = new FileSystemMetricsRepository(store.spark(),
        store.delta().location(RunLog.NAMESPACE, "deequ_metrics/" + table.id().qualifiedName() + ".json"));
    Optional<Dataset<Row>> unchanged = increment.map(i -> store.read(table.id(), store.version(table.id()).orElseThrow())
        .where(col(i.column()).isin(i.keys().toArray()).unary_$bang()));
    Dataset<Row> cached = governor.beforeGate(table, candidate, asOf).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // The gate's first query computes the candidate (filling the cache) and its scan metrics in one pass; the
      // gate's own time is the rest.
      Instant gateStart = Instant.now();
      List<Rule> all = ProductRules.of(contract, rules);
      LineCounts upstream = all.stream().anyMatch(r -> r.check() instanceof Check.LineValidity) ? lines.get()
          : LineCounts.NONE;
      GateResult gate = new QualityGate(this::readCurrent).evaluate(cached, all, asOf, upstream, history, unchanged);
      Duration gateTime = Duration.between(gateStart, Instant.now()).minus(gate.buildPass());
      for (RuleOutcome o : gate.outcomes()) {
        if (o.status() != RuleOutcome.Status.PASSED) {
          progress.accept("      " + o.status() + " " + o.rule().name() + ": " + o.message());
        }
      }
      if (!gate.passed()) {
        QualityLog.Entry entry = new QualityLog.Entry(runId, table.id(), rules.source(), gate.outcomes(), false, Instant.now(),
            gateTime);
        failed.accept(entry);
        String kept = keepCandidate(table.id(), cached, runId);
        throw new GateFailedException(failureMessage(table, gate, kept));
      }
      Governor.Published<Written> done = governor.publish(table, gate.publishable(), increment, asOf, () -> {
        // Column comments travel in the data commit (an overwrite that replaces the schema would drop them).
        Commit commit = write.write(ContractComments.attach(contract, gate.publishable()));
        long quarantined = quarantine(table.id(), gate.quarantined(), runId);
        // A new table is created with them; a published one gets them in a commit of their own when they change.
        if (exists && !published.equals(Optional.of(PublishedSchema.of(contract)))) {
          Map<String, String> properties = new LinkedHashMap<>(PublishedSchema.properties(contract));
          properties.put("comment", contract.description());
          store.setProperties(table.id(), properties);
        }
        ContractComments.apply(store, table.id(), contract); // commits only where a description changed
        return new Written(commit, quarantined);
      });
      history.save(new ResultKey(Instant.now().toEpochMilli(), scala.collection.immutable.Map$.MODULE$.empty()),
          gate.metrics());
      return new Outcome(done.written().commit(), done.governance().goldVersion(), done.written().quarantined(),
          new QualityLog.Entry(runId, table.id(), rules.source(), gate.outcomes(), true, Instant.now(), gateTime),
          done.governance());
    } finally {
      cached.unpersist();
    }
  }

  /** Writes the rows to publish; returns the commit. */
  interface Writer {
    Commit write(Dataset<Row> rows);
  }

  private Optional<PublishedSchema> published(TableId id) {
    Map<String, String> properties = store.properties(id);
    String version = properties.get(PublishedSchema.VERSION_PROPERTY);
    String columns = properties.get(PublishedSchema.COLUMNS_PROPERTY);
    return version == null || columns == null ? Optional.empty() : Optional.of(PublishedSchema.decode(version, columns));
  }

  private Dataset<Row> readCurrent(TableId id) {
    long version = store.version(id).orElseThrow(() -> new IllegalStateException(
        "a quality rule reads " + id + ", which has not been built yet: run `./meshlake run " + id.domain() + "` first"));
    return store.read(id, version);
  }

  private String keepCandidate(TableId id, Dataset<Row> candidate, String runId) {
    String location = store.delta().location(RunLog.NAMESPACE, "candidates/" + id.qualifiedName() + "/" + runId);
    candidate.write().format("delta").mode("overwrite").save(location);
    return location;
  }

  private long quarantine(TableId product, Dataset<Row> rows, String runId) {
    List<Row> sample = rows.limit(1).collectAsList();
    if (sample.isEmpty()) {
      return 0;
    }
    TableId quarantine = new TableId(product.domain(), Layer.GOLD, product.name() + "_quarantine");
    Dataset<Row> stamped = rows.withColumn("_run_id", lit(runId))
        .withColumn("_quarantined_at", lit(Timestamp.from(Instant.now())));
    if (!store.exists(quarantine)) {
      store.create(quarantine, stamped.schema(), List.of(), "Rows of " + product
          + " moved out by quarantine rules: the rules they broke and the row as JSON", Map.of());
    }
    store.writes().append(quarantine, stamped);
    return store.lastCommit(quarantine).metric("numOutputRows");
  }

  private static String failureMessage(DerivedTable table, GateResult gate, String kept) {
    List<String> lines = new ArrayList<>();
    lines.add(table.id() + " was not published: " + gate.failures().size() + " rule(s) failed");
    for (RuleOutcome o : gate.failures()) {
      lines.add("  - " + o.rule().name() + ": " + o.message());
    }
    lines.add("The published table is unchanged. The candidate is kept at " + kept
        + " (SELECT * FROM delta.`" + kept + "`).");
    lines.add("Next: deliver a corrected extract (a file under the same name replaces the bad one) and run again;"
        + " or, if the rule is wrong, change " + RuleFiles.resource(table.id().domain(), table.id().name())
        + ". History: ./meshlake quality " + table.id().domain() + " --product " + table.id().name());
    return String.join("\n", lines);
  }
}
