package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.meshlake.api.DerivedTable;
import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.governance.policy.ConsentSource;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.governance.policy.Treatment;
import io.meshlake.run.RunLog;
import io.meshlake.spark.SideBySide;
import io.meshlake.table.Commit;
import io.meshlake.table.DeltaTableStore;
import io.meshlake.table.Warehouse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Option;

/**
 * Applies the governance policies ({@link PolicySet}) to every gold publication; the platform's
 * publication step calls it, and no other way of writing a gold table is open ({@link GoldGuard}).
 *
 * <ul>
 *   <li>Before the quality gate, a product whose contract purpose needs consent keeps only the members
 *       allowed ({@link #beforeGate}).
 *   <li>While the product is written, {@link #publish} opens the guard for it, then derives, from the rows
 *       just published, one table per consumer class whose view is not the gold table itself: consent
 *       filter, minimum-necessary projection (pseudonymise, mask, generalise, de-identify, drop) and
 *       small-cell suppression. Those tables live under {@code <warehouse>/meshlake_governed/<class>/}, are
 *       written in the publishing job (the pseudonym key never leaves it) and each commit records the gold
 *       version, key id, policy digest and consent versions it was derived from.
 *   <li>{@link #staleness} says when those no longer match (key rotated, policy or contract changed,
 *       consent decisions changed, a publication interrupted), so the runner republishes.
 *   <li>{@link #audit} appends the run, its publications and every policy decision to the audit log.
 * </ul>
 *
 * Increments: when a product is published for some keys only and a class keeps (or pseudonymises) that
 * key, the class table is updated for those keys only; otherwise it is derived again in full.
 */
public final class Governor {
  /** The warehouse folder of the tables materialised for consumer classes. */
  public static final String GOVERNED = "meshlake_governed";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The Spark setting whose value Delta writes as a commit's user metadata. */
  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private final Warehouse warehouse;
  private final DeltaTableStore store;
  private final PolicySet policies;
  private final Supplier<PseudonymKeyring> keys;
  private final AuditLog auditLog;
  private PseudonymKeyring keyring;
  private boolean consentTablesReady;
  private Map<String, Long> decisionsVersions;
  private Optional<Dataset<Row>> decisions = Optional.empty();

  /**
   * @param warehouse the warehouse: the products in their formats, the consumer classes' tables in its Delta store
   * @param policies the policies
   * @param keys the pseudonym keys, asked for once, when first needed
   */
  public Governor(Warehouse warehouse, PolicySet policies, Supplier<PseudonymKeyring> keys) {
    this.warehouse = warehouse;
    this.store = warehouse.delta();
    this.policies = policies;
    this.keys = keys;
    this.auditLog = new AuditLog(store, java.time.Clock.systemUTC());
  }

  /** The policies applied. */
  public PolicySet policies() {
    return policies;
  }

  /** The audit log the governor writes to. */
  public AuditLog auditLog() {
    return auditLog;
  }

  /**
   * The id of the pseudonym key new publications use (finding, or for development creating, the key
   * first; never its secret).
   */
  public String keyId() {
    return keyring().current().id();
  }

  /** The folder of a consumer class's table of a product. */
  public String location(String consumerClass, TableId product) {
    return store.location(GOVERNED + "/" + consumerClass + "/" + product.namespace(), product.name());
  }

  /** What each consumer class sees of a product, in the policy's order. */
  public List<ClassView> views(TableId product, Contract contract) {
    return policies.consumerClasses().classes().stream()
        .map(c -> ClassView.resolve(policies, c.name(), product, contract)).toList();
  }

  /**
   * The candidate without the members a product's purpose may not include, when its contract purpose
   * needs consent; the candidate itself otherwise.
   *
   * @throws IllegalStateException when the purpose needs consent but the contract marks no person column
   */
  public Dataset<Row> beforeGate(DerivedTable table, Dataset<Row> candidate, Instant asOf) {
    Contract contract = table.contract().orElseThrow();
    Optional<String> purpose = consentPurpose(contract);
    if (purpose.isEmpty()) {
      return candidate;
    }
    String person = contract.identifierColumn(policies.standards().personIdentifier()).map(ContractColumn::name)
        .orElseThrow(() ->
        new IllegalStateException(table.id() + " serves purpose " + purpose.get() + ", which needs consent, but its"
            + " contract marks no column with identifier: " + policies.standards().personIdentifier().name()
            + "; mark the member column so consent can be applied"));
    return withConsent(candidate, person, purpose.get(), asOf, decisions());
  }

  private Optional<String> consentPurpose(Contract contract) {
    return contract.purposeName().filter(policies.consent()::needsConsent);
  }

  /**
   * Why the tables governance derived from a product no longer match it, if they do not: then the
   * product must be published again in full.
   */
  public Optional<String> staleness(DerivedTable table) {
    if (!warehouse.exists(table.id())) {
      return Optional.empty();
    }
    Contract contract = table.contract().orElseThrow();
    long goldVersion = warehouse.version(table.id()).orElseThrow();
    if (consentPurpose(contract).isPresent()) {
      Optional<Stamp> gold = Stamp.parse(warehouse.lastCommit(table.id()).userMetadata());
      if (gold.isEmpty() || !gold.get().consent().equals(consentVersions())) {
        return Optional.of("consent decisions changed since " + table.id() + " was published");
      }
    }
    for (ClassView view : views(table.id(), contract)) {
      if (view.identity()) {
        continue;
      }
      Optional<Stamp> stamp = store.lastCommit(location(view.consumerClass(), table.id()))
          .flatMap(c -> Stamp.parse(c.userMetadata()));
      Stamp expected = stamp(view, contract, goldVersion);
      String table4 = "the " + view.consumerClass() + " table of " + table.id();
      if (stamp.isEmpty()) {
        return Optional.of(table4 + " does not exist yet");
      } else if (stamp.get().goldVersion() != goldVersion) {
        return Optional.of(table4 + " was derived from version " + stamp.get().goldVersion() + ", the product is at "
            + goldVersion);
      } else if (!stamp.get().key().equals(expected.key())) {
        return Optional.of("the pseudonym key changed from '" + stamp.get().key() + "' to '" + expected.key() + "'");
      } else if (!stamp.get().policy().equals(expected.policy())) {
        return Optional.of("the " + view.consumerClass() + " policy or the contract of " + table.id() + " changed");
      } else if (!stamp.get().consent().equals(expected.consent())) {
        return Optional.of("consent decisions changed since " + table4 + " was derived");
      }
    }
    return Optional.empty();
  }

  /** The product version a class's table was last derived from, if the table exists. */
  Optional<Long> derivedFrom(String consumerClass, TableId product) {
    return store.lastCommit(location(consumerClass, product)).flatMap(c -> Stamp.parse(c.userMetadata()))
        .map(Stamp::goldVersion);
  }

  /**
   * Writes a gold product and, from the same rows, every consumer class's table, with commits to those
   * tables allowed on this thread meanwhile and refused elsewhere.
   *
   * @param rows the rows {@code goldWrite} publishes (cached by the caller: they are read once per class)
   * @param increment when only some keys are published, the key column and those keys
   * @param goldWrite writes the product (data, quarantine, properties) and returns what it did
   */
  public <T> Published<T> publish(DerivedTable table, Dataset<Row> rows, Optional<Increment> increment, Instant asOf,
      Supplier<T> goldWrite) {
    Contract contract = table.contract().orElseThrow();
    List<ClassView> views = views(table.id(), contract);
    List<String> locations = new ArrayList<>(List.of(warehouse.location(table.id()),
        warehouse.location(new TableId(table.id().domain(), Layer.GOLD, table.id().name() + "_quarantine"))));
    views.stream().filter(v -> !v.identity()).forEach(v -> locations.add(location(v.consumerClass(), table.id())));
    return GoldGuard.open(locations, () -> {
      T written = withGoldStamp(contract, goldWrite);
      Instant start = Instant.now();
      long goldVersion = warehouse.version(table.id()).orElseThrow();
      Optional<Dataset<Row>> decisions = views.stream().anyMatch(v -> v.consentPurpose().isPresent()) ? decisions()
          : Optional.empty();
      List<Supplier<GovernedPublication.ClassTable>> derivations = new ArrayList<>();
      for (ClassView view : views) {
        derivations.add(view.identity()
            ? () -> new GovernedPublication.ClassTable(view.consumerClass(), warehouse.location(table.id()), goldVersion,
                false, false, -1, view.describeColumns(), Optional.empty(), 0, 0, view.notes())
            : () -> GoldGuard.open(locations, () -> derive(view, table, contract, rows, increment, goldVersion, asOf,
                decisions)));
      }
      // Each class table is a Spark job and a Delta commit: side by side, one's commit overlaps another's work.
      List<GovernedPublication.ClassTable> tables = SideBySide.all("deriving the consumer classes' tables", derivations);
      Optional<String> keyId = views.stream().anyMatch(v -> !v.identity() && v.usesKey())
          ? Optional.of(keyring().current().id()) : Optional.empty();
      return new Published<>(written, new GovernedPublication(table.id(), goldVersion, keyId, tables,
          Duration.between(start, Instant.now())));
    });
  }

  /** A product's publication and what governance derived from it. */
  public record Published<T>(T written, GovernedPublication governance) {}

  /**
   * A publication of some keys only.
   *
   * @param column the key column
   * @param keys the keys whose rows were replaced
   */
  public record Increment(String column, List<Object> keys) {
    public Increment {
      keys = List.copyOf(keys);
    }
  }

  /** Runs the gold write with its commits stamped with the consent versions it was filtered by, if any. */
  private <T> T withGoldStamp(Contract contract, Supplier<T> goldWrite) {
    return consentPurpose(contract).isEmpty() ? goldWrite.get()
        : warehouse.writes().withUserMetadata(new Stamp(-1, "", "", consentVersions()).json(), goldWrite);
  }

  private GovernedPublication.ClassTable derive(ClassView view, DerivedTable table, Contract contract, Dataset<Row> rows,
      Optional<Increment> increment, long goldVersion, Instant asOf, Optional<Dataset<Row>> decisions) {
    String location = location(view.consumerClass(), table.id());
    Optional<Treatment> keyTreatment = increment.flatMap(i -> view.column(i.column())).map(ClassView.ColumnDecision::treatment);
    boolean incremental = increment.isPresent() && view.suppression().isEmpty() && store.latestVersion(location).isPresent()
        && keyTreatment.filter(t -> t == Treatment.KEEP || t == Treatment.PSEUDONYMISE).isPresent();
    Dataset<Row> source = increment.isPresent() && !incremental ? warehouse.read(table.id(), goldVersion) : rows;
    Dataset<Row> governed = source;
    boolean filtered = view.consentPurpose().isPresent() && (decisions.isPresent()
        || policies.consent().model() == ConsentModel.OPT_IN);
    if (view.consentPurpose().isPresent()) {
      governed = withConsent(governed, view.personColumn().orElseThrow(), view.consentPurpose().get(), asOf, decisions);
    }
    governed = project(view, governed, asOf);
    int suppressed = 0;
    if (view.suppression().isPresent()) {
      SmallCellSuppression.Suppressed s = view.suppression().get().suppress(governed);
      governed = s.rows();
      suppressed = s.suppressed();
    }
    Stamp stamp = stamp(view, contract, goldVersion);
    if (incremental) {
      replaceKeys(location, governed, increment.get().column(), keysAsSeen(view, increment.get()), stamp);
    } else {
      governed.write().format("delta").mode("overwrite").option("overwriteSchema", "true")
          .option("delta.enableDeletionVectors", "true").option("userMetadata", stamp.json()).save(location);
    }
    Commit commit = store.lastCommit(location).orElseThrow();
    long written = commit.metric(incremental ? "numTargetRowsInserted" : "numOutputRows");
    long removed = filtered ? source.count() - written : 0;
    return new GovernedPublication.ClassTable(view.consumerClass(), location, commit.version(), true, incremental, written,
        view.describeColumns(), view.consentPurpose(), removed, suppressed, view.notes());
  }

  /** The minimum-necessary projection of the class: generalised, then pseudonymised, masked, de-identified. */
  private Dataset<Row> project(ClassView view, Dataset<Row> rows, Instant asOf) {
    LocalDate day = asOf.atZone(ZoneOffset.UTC).toLocalDate();
    Map<String, IdentifierCategory> generalised = new HashMap<>();
    Map<String, ColumnTreatment> granted = new LinkedHashMap<>();
    for (ClassView.ColumnDecision d : view.columns()) {
      granted.put(d.column(), switch (d.treatment()) {
        case KEEP -> ColumnTreatment.clear();
        case PSEUDONYMISE -> ColumnTreatment.pseudonymise(d.kind().orElseThrow());
        case MASK -> ColumnTreatment.mask(ClassView.maskOf(d.category().orElseThrow()).orElseThrow());
        case GENERALISE -> {
          generalised.put(d.column(), d.category().orElseThrow());
          yield ColumnTreatment.clear();
        }
        case DEIDENTIFY -> ColumnTreatment.deidentify(d.category().orElseThrow());
        case DROP -> ColumnTreatment.drop();
      });
    }
    Dataset<Row> source = generalised.isEmpty() ? rows : new SafeHarbor(DatePolicy.yearOnly(), day).apply(rows, generalised);
    DatePolicy dates = view.shiftsDates()
        ? DatePolicy.shiftPerPatient(view.personColumn().orElseThrow(), keyring().current(), view.maxShiftDays())
        : DatePolicy.yearOnly();
    Pseudonymiser pseudonymiser = view.usesKey() ? new Pseudonymiser(keyring().current()) : null;
    return new MinimumNecessary(pseudonymiser, new SafeHarbor(dates, day)).project(source, new Grant(view.consumerClass(),
        granted));
  }

  /** The published keys as the class sees them: pseudonymised, or as they are. */
  private List<Object> keysAsSeen(ClassView view, Increment increment) {
    ClassView.ColumnDecision key = view.column(increment.column()).orElseThrow();
    if (key.treatment() != Treatment.PSEUDONYMISE) {
      return increment.keys();
    }
    Pseudonymiser pseudonymiser = new Pseudonymiser(keyring().current());
    return increment.keys().stream()
        .map(k -> (Object) pseudonymiser.pseudonym(String.valueOf(k), key.kind().orElseThrow())).toList();
  }

  /**
   * Replaces the rows of some keys with {@code rows} in one MERGE: the source is the new rows plus one
   * marker row per key, and a target row matching a marker on its key is deleted (marked in a deletion
   * vector, not copied), while the new rows are inserted. An equi-join on the key, so Delta hashes it.
   *
   * <p>A MERGE takes its commit's user metadata only from the session's configuration, so it runs in a
   * session of its own (same Spark context and cached data, own configuration): the classes' MERGEs of one
   * publication then run side by side, each with its own stamp, and the caller's session is left as it was.
   */
  private void replaceKeys(String location, Dataset<Row> rows, String keyColumn, List<Object> keys, Stamp stamp) {
    String marker = "_meshlake_replaced_key";
    StructField keyField = rows.schema().apply(keyColumn);
    Dataset<Row> markers = store.spark().createDataFrame(keys.stream().map(RowFactory::create).toList(),
        DataTypes.createStructType(List.of(keyField))).withColumn(marker, lit(true));
    Dataset<Row> source = rows.withColumn(marker, lit(false)).unionByName(markers, true);
    Map<String, Column> insert = new LinkedHashMap<>();
    for (String column : rows.columns()) {
      insert.put(column, col("s.`" + column + "`"));
    }
    SparkSession stamped = store.spark().newSession();
    stamped.conf().set(USER_METADATA, stamp.json());
    Option<SparkSession> active = SparkSession.getActiveSession();
    SparkSession.setActiveSession(stamped);
    try {
      DeltaTable.forPath(stamped, location).as("t")
          .merge(source.as("s"), col("t.`" + keyColumn + "`").equalTo(col("s.`" + keyColumn + "`")).and(col("s." + marker)))
          .whenMatched().delete()
          .whenNotMatched(col("s." + marker).unary_$bang()).insert(insert)
          .execute();
    } finally {
      if (active.isDefined()) {
        SparkSession.setActiveSession(active.get());
      } else {
        SparkSession.clearActiveSession();
      }
    }
  }

  private Dataset<Row> withConsent(Dataset<Row> rows, String personColumn, String purpose, Instant asOf,
      Optional<Dataset<Row>> decisions) {
    ConsentModel model = policies.consent().model();
    if (decisions.isEmpty() && model == ConsentModel.OPT_OUT) {
      return rows;
    }
    Dataset<Row> all = decisions.orElseGet(() -> store.spark().createDataFrame(List.of(), ConsentFilter.CONSENT_SCHEMA));
    return new ConsentFilter(purpose, model, asOf.atZone(ZoneOffset.UTC).toLocalDate()).apply(rows, personColumn, all);
  }

  /**
   * Every consent decision of the policy's sources that exist; empty when none holds a row. Looked up
   * once per version of the sources.
   */
  private Optional<Dataset<Row>> decisions() {
    Map<String, Long> versions = consentVersions();
    if (!versions.equals(decisionsVersions)) {
      decisions = readDecisions();
      decisionsVersions = versions;
    }
    return decisions;
  }

  private Optional<Dataset<Row>> readDecisions() {
    Dataset<Row> all = null;
    for (ConsentSource source : consentSources()) {
      String location = store.location(source.namespace(), source.name());
      if (store.latestVersion(location).isEmpty() || store.isEmpty(location)) {
        continue; // not created yet, or no decision recorded: nothing to read (planning a read costs Spark jobs)
      }
      Dataset<Row> table = store.spark().read().format("delta").load(location);
      Dataset<Row> rows = source.format() == ConsentSource.Format.FHIR ? FhirConsents.toConsentRows(table)
          : table.select(Arrays.stream(ConsentFilter.CONSENT_SCHEMA.fieldNames()).map(table::col).toArray(Column[]::new));
      all = all == null ? rows : all.unionByName(rows);
    }
    return all == null || all.isEmpty() ? Optional.empty() : Optional.of(all);
  }

  /** The version of every consent source (-1 for one not created yet). */
  private Map<String, Long> consentVersions() {
    Map<String, Long> versions = new TreeMap<>();
    for (ConsentSource source : consentSources()) {
      versions.put(source.table(), store.latestVersion(store.location(source.namespace(), source.name())).orElse(-1L));
    }
    return versions;
  }

  /** The sources, with the platform's own consent table created (empty) so that decisions can be recorded in it. */
  private List<ConsentSource> consentSources() {
    List<ConsentSource> sources = policies.consent().sources();
    if (!consentTablesReady) {
      for (ConsentSource source : sources) {
        if (source.namespace().equals(RunLog.NAMESPACE) && source.format() == ConsentSource.Format.DECISIONS
            && !store.exists(source.namespace(), source.name())) {
          store.create(source.namespace(), source.name(), ConsentFilter.CONSENT_SCHEMA, List.of(),
              "Consent decisions per member and purpose (permit or deny), read by governance at every publication",
              Map.of());
        }
      }
      consentTablesReady = true;
    }
    return sources;
  }

  private Stamp stamp(ClassView view, Contract contract, long goldVersion) {
    boolean consent = view.consentPurpose().isPresent() || consentPurpose(contract).isPresent();
    return new Stamp(goldVersion, view.usesKey() ? keyring().current().id() : "", view.digest(),
        consent ? consentVersions() : Map.of());
  }

  private synchronized PseudonymKeyring keyring() {
    if (keyring == null) {
      keyring = keys.get();
    }
    return keyring;
  }

  /**
   * Appends a run, its publications and their policy decisions to the audit log, in one commit. The
   * runner records every run that changed or failed something; a run that found nothing new is not
   * recorded.
   *
   * @param runId the run
   * @param run what to record about the run itself (domain, statuses, times)
   * @param publications what governance did at each publication of the run
   */
  public void audit(String runId, Map<String, Object> run, List<GovernedPublication> publications) {
    String actor = System.getProperty("user.name", "meshlake");
    List<AuditEvent> events = new ArrayList<>();
    Map<String, Object> runDetails = new LinkedHashMap<>(run);
    runDetails.put("run_id", runId);
    events.add(new AuditEvent(AuditKind.RUN, actor, runDetails));
    for (GovernedPublication p : publications) {
      Map<String, Object> classes = new TreeMap<>();
      for (GovernedPublication.ClassTable t : p.tables()) {
        classes.put(t.consumerClass(), Map.of("table", t.materialised() ? t.location() : "gold table", "version",
            t.version(), "rows", t.rows()));
      }
      events.add(new AuditEvent(AuditKind.PUBLICATION, actor, Map.of("run_id", runId, "product",
          p.product().qualifiedName(), "gold_version", p.goldVersion(), "key_id", p.keyId().orElse(""), "classes", classes)));
      for (GovernedPublication.ClassTable t : p.tables()) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("run_id", runId);
        decision.put("product", p.product().qualifiedName());
        decision.put("class", t.consumerClass());
        decision.put("columns", new TreeMap<>(t.columns()));
        decision.put("consent", t.consentPurpose().map(purpose -> Map.<String, Object>of("purpose", purpose,
            "model", policies.consent().model().label(), "rows_removed", t.consentRemoved())).orElse(Map.of()));
        decision.put("suppressed_cells", t.suppressedCells());
        decision.put("notes", t.notes());
        events.add(new AuditEvent(AuditKind.POLICY_DECISION, actor, decision));
      }
    }
    auditLog.append(events);
  }

  /**
   * What a governed table (or, for the consent versions, a product) was derived under, kept as the
   * user metadata of its commits.
   */
  private record Stamp(long goldVersion, String key, String policy, Map<String, Long> consent) {
    Stamp {
      consent = new TreeMap<>(consent);
    }

    String json() {
      try {
        return JSON.writeValueAsString(Map.of("gold_version", goldVersion, "key", key, "policy", policy, "consent",
            consent));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write a governance stamp: " + e.getMessage(), e);
      }
    }

    static Optional<Stamp> parse(String json) {
      if (json == null || json.isBlank()) {
        return Optional.empty();
      }
      try {
        var node = JSON.readTree(json);
        Map<String, Long> consent = new TreeMap<>();
        node.path("consent").fields().forEachRemaining(e -> consent.put(e.getKey(), e.getValue().asLong()));
        return Optional.of(new Stamp(node.path("gold_version").asLong(-1), node.path("key").asText(""),
            node.path("policy").asText(""), consent));
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
  }
}
