package io.meshlake.governance;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Applies the governance policies ({@link PolicySet}) to every gold publication; the platform's
 * publication step calls it, and no other way of writing a gold table is open ({@link GoldGuard}).
 *
 * <ul>
 *   <li>Before the quality gate, a product whose contract purpose needs consent keeps only the members
 *       allowed ({@link #beforeGate}).
 *   <li>{@link #publish} opens the guard for the product and writes it. Beside the write it adds the identifiers
 *       the product publishes to the {@link PseudonymMap} and, for a class whose purpose needs consent, the
 *       consent decisions in effect to {@link ConsentSets}; the product's commits that add rows wait for that.
 *       The gold commits record the key id, the classes' policy digest, the consent versions and the publication
 *       date.
 *   <li>Most classes read a view ({@link #viewSql}): SQL over the gold table and those tables (pseudonyms,
 *       masks, Safe Harbor, consent), so nothing is copied. A class that suppresses small cells of an aggregate
 *       reads a table derived from the rows just published (consent filter, minimum-necessary projection,
 *       suppression) under {@code <warehouse>/meshlake_governed/<class>/}, written in the publishing job, whose
 *       commit records what it was derived from. Classes whose views of the aggregate are identical share one.
 *   <li>{@link #staleness} says when a publication no longer matches (key rotated, policy or contract changed,
 *       consent decisions changed, a publication interrupted), so the runner republishes.
 *   <li>{@link #audit} appends the run, its publications and every policy decision to the audit log.
 * </ul>
 */
public final class Governor {
  /** The warehouse folder of the pseudonym map, the consent sets and the tables materialised for consumer classes. */
  public static final String GOVERNED = "meshlake_governed";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Warehouse warehouse;
  private final DeltaTableStore store;
  private final PolicySet policies;
  private final Supplier<PseudonymKeyring> keys;
  private final AuditLog auditLog;
  private final PseudonymMap pseudonyms;
  private final ConsentSets consentSets;
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
    this.pseudonyms = new PseudonymMap(store);
    this.consentSets = new ConsentSets(store);
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

  /**
   * The folder of the table a consumer class reads of a product, for a class that {@linkplain #materialises
   * materialises} it. Classes whose views of the product are identical ({@link ClassView#digest}) read one table,
   * the one under the folder of the first of them in the policy's order: it is derived and committed once.
   */
  public String location(ClassView view, Contract contract) {
    return folder(tableOwner(view, views(view.product(), contract)).consumerClass(), view.product());
  }

  private String folder(String consumerClass, TableId product) {
    return store.location(GOVERNED + "/" + consumerClass + "/" + product.namespace(), product.name());
  }

  /** The first class, in the policy's order, whose materialised view of the product is the same as {@code view}. */
  private static ClassView tableOwner(ClassView view, List<ClassView> views) {
    String digest = view.digest();
    return views.stream().filter(v -> materialises(v) && v.digest().equals(digest)).findFirst().orElse(view);
  }

  /**
   * Whether a class reads a table written for it: small cells of an aggregate are suppressed, which a view
   * cannot do row by row. Every other class that does not see the gold table itself reads a view.
   */
  public static boolean materialises(ClassView view) {
    return !view.identity() && view.suppression().isPresent();
  }

  /** Whether a class reads a view ({@link #viewSql}): it neither sees the gold table itself nor materialises it. */
  private static boolean readsView(ClassView view) {
    return !view.identity() && !materialises(view);
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
    List<ClassView> views = views(table.id(), contract);
    Stamp gold = Stamp.parse(warehouse.lastCommit(table.id()).userMetadata()).orElse(Stamp.NONE);
    Stamp expectedGold = goldStamp(contract, views, null);
    if (gold.asOf().isEmpty()) {
      return Optional.of(table.id() + " was last published before the consumer classes' views");
    } else if (!gold.consent().equals(expectedGold.consent())) {
      return Optional.of("consent decisions changed since " + table.id() + " was published");
    } else if (!gold.key().equals(expectedGold.key())) {
      return Optional.of(gold.key().isEmpty() ? "the consumer classes' views of " + table.id() + " have no pseudonyms yet"
          : "the pseudonym key changed from '" + gold.key() + "' to '" + expectedGold.key() + "'");
    } else if (!gold.policy().equals(expectedGold.policy())) {
      return Optional.of("the consumer classes' policies or the contract of " + table.id() + " changed");
    }
    for (ClassView view : views) {
      if (!materialises(view) || tableOwner(view, views) != view) {
        continue;
      }
      Optional<Stamp> stamp = store.lastCommit(folder(view.consumerClass(), table.id()))
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

  /**
   * The SQL of a class's view of a product, for a class that neither sees the gold table itself nor
   * {@linkplain #materialises materialises} it; empty when the product's latest publication predates views (then
   * it must be published again).
   */
  public Optional<String> viewSql(ClassView view) {
    TableId product = view.product();
    Stamp gold = Stamp.parse(warehouse.lastCommit(product).userMetadata()).orElse(Stamp.NONE);
    if (gold.asOf().isEmpty() || (view.usesKey() && gold.key().isEmpty())) {
      return Optional.empty();
    }
    Optional<GovernedView.Consent> consent = Optional.empty();
    if (view.consentPurpose().isPresent()) {
      Optional<String> members = consentSets.sqlOf(view.consentPurpose().get());
      boolean optIn = policies.consent().model() == ConsentModel.OPT_IN;
      if (members.isEmpty() && optIn) {
        return Optional.empty();
      }
      consent = members.map(m -> new GovernedView.Consent(m, optIn));
    }
    return Optional.of(new GovernedView(view, warehouse.sqlName(product), warehouse.schema(product), gold.key(),
        policies.standards().personIdentifier(), LocalDate.parse(gold.asOf()), consent).sql(pseudonyms));
  }

  /** The product version the table a class reads ({@link #location}) was last derived from, if the table exists. */
  Optional<Long> derivedFrom(ClassView view, Contract contract) {
    return store.lastCommit(location(view, contract)).flatMap(c -> Stamp.parse(c.userMetadata()))
        .map(Stamp::goldVersion);
  }

  /**
   * Writes a gold product and then derives from the same rows the table of every class that {@linkplain
   * #materialises materialises} one; commits to those tables are allowed on this thread meanwhile and refused
   * elsewhere. What the classes' views read besides the gold table (the pseudonyms and date-shift bits of the
   * product's identifiers in the {@link PseudonymMap}, the consent decisions in effect in {@link ConsentSets})
   * is prepared on a thread of its own while the product's files are written; the product's commits that add
   * rows wait for it, so no published version has an identifier the map lacks.
   *
   * @param rows the rows {@code goldWrite} publishes (cached by the caller: they are read once per use)
   * @param increment when only some keys are published, the key column and those keys
   * @param goldWrite writes the product (data, quarantine, properties) and returns what it did
   */
  public <T> Published<T> publish(DerivedTable table, Dataset<Row> rows, Optional<Increment> increment, Instant asOf,
      Supplier<T> goldWrite) {
    Contract contract = table.contract().orElseThrow();
    List<ClassView> views = views(table.id(), contract);
    List<String> locations = new ArrayList<>(List.of(warehouse.location(table.id()),
        warehouse.location(new TableId(table.id().domain(), Layer.GOLD, table.id().name() + "_quarantine"))));
    List<ClassView> owners = views.stream().filter(v -> materialises(v) && tableOwner(v, views) == v).toList();
    owners.forEach(v -> locations.add(folder(v.consumerClass(), table.id())));
    String stamp = goldStamp(contract, views, asOf).json();
    Preparation prepared = new Preparation(table.id(), SideBySide.start("preparing what the consumer classes' views of "
        + table.id() + " read (the pseudonym map, the consent sets)", () -> {
          prepareViews(views, rows, asOf);
          return null;
        }));
    return GoldGuard.open(locations, prepared::awaitForCommit, () -> {
      T written;
      try {
        written = warehouse.writes().withUserMetadata(stamp, goldWrite);
        prepared.awaitForCommit(); // a write that added no rows has not waited
      } catch (RuntimeException | Error e) {
        prepared.awaitAfter(e);
        throw e;
      }
      Instant start = Instant.now();
      long goldVersion = warehouse.version(table.id()).orElseThrow();
      Optional<Dataset<Row>> decisions = views.stream().anyMatch(v -> materialises(v) && v.consentPurpose().isPresent())
          ? decisions() : Optional.empty();
      // Each class table is a Spark job and a Delta commit: side by side, one's commit overlaps another's work.
      List<GovernedPublication.ClassTable> derived = SideBySide.all("deriving the consumer classes' tables",
          owners.stream().<Supplier<GovernedPublication.ClassTable>>map(view -> () -> GoldGuard.open(locations,
              () -> derive(view, table, contract, rows, increment, goldVersion, asOf, decisions))).toList());
      List<GovernedPublication.ClassTable> tables = new ArrayList<>();
      for (ClassView view : views) {
        if (materialises(view)) {
          GovernedPublication.ClassTable read = derived.get(owners.indexOf(tableOwner(view, views)));
          tables.add(read.readBy(view.consumerClass(), view.notes()));
        } else {
          tables.add(new GovernedPublication.ClassTable(view.consumerClass(), view.identity()
              ? GovernedPublication.Form.GOLD : GovernedPublication.Form.VIEW, warehouse.location(table.id()),
              goldVersion, -1, view.describeColumns(), view.consentPurpose(), -1, 0, view.notes()));
        }
      }
      Optional<String> keyId = views.stream().anyMatch(v -> !v.identity() && v.usesKey())
          ? Optional.of(keyring().current().id()) : Optional.empty();
      return new Published<>(written, new GovernedPublication(table.id(), goldVersion, keyId, tables,
          prepared.waited().plus(Duration.between(start, Instant.now())), prepared.ran()));
    });
  }

  /** What the consumer classes' views of a product read, being prepared on a thread of its own. */
  private static final class Preparation {
    private final TableId product;
    private final SideBySide.Started<Void> started;

    Preparation(TableId product, SideBySide.Started<Void> started) {
      this.product = product;
      this.started = started;
    }

    /** Returns once the preparation is done; refuses the commit when it failed. */
    void awaitForCommit() {
      try {
        started.await();
      } catch (RuntimeException e) {
        throw new IllegalStateException(product + " was not published: what its consumer classes' views read could"
            + " not be prepared (" + e.getMessage() + "). The product is unchanged; run the domain again once the"
            + " cause is fixed", e);
      }
    }

    /** Lets the preparation end before a failed publication returns; its own failure is added to {@code failure}. */
    void awaitAfter(Throwable failure) {
      try {
        started.await();
      } catch (RuntimeException | Error e) {
        for (Throwable reported = failure; reported != null; reported = reported.getCause()) {
          if (reported == e) {
            return; // a commit it held back reported it
          }
        }
        failure.addSuppressed(e);
      }
    }

    /** How long the product's commits waited for it. */
    Duration waited() {
      return started.waited();
    }

    /** How long it ran, beside the product's write. */
    Duration ran() {
      return started.ran();
    }
  }

  /**
   * What the classes' views of a publication read besides the gold table: the pseudonyms and date-shift bits
   * of the identifiers it publishes, and the consent decisions in effect for their purposes.
   */
  private void prepareViews(List<ClassView> views, Dataset<Row> rows, Instant asOf) {
    Map<String, IdentifierKind> identifiers = new TreeMap<>();
    for (ClassView view : views.stream().filter(Governor::readsView).toList()) {
      view.columns().stream().filter(d -> d.treatment() == Treatment.PSEUDONYMISE)
          .forEach(d -> identifiers.put(d.column(), d.kind().orElseThrow()));
      if (view.shiftsDates()) {
        identifiers.putIfAbsent(view.personColumn().orElseThrow(), policies.standards().personIdentifier());
      }
    }
    if (!identifiers.isEmpty()) {
      pseudonyms.add(rows, identifiers, keyring().current());
    }
    List<String> purposes = views.stream().filter(Governor::readsView)
        .flatMap(v -> v.consentPurpose().stream()).distinct().toList();
    for (String purpose : purposes) {
      Optional<Dataset<Row>> all = decisions();
      boolean optIn = policies.consent().model() == ConsentModel.OPT_IN;
      if (all.isEmpty() && !optIn && consentSets.sqlOf(purpose).isEmpty()) {
        continue; // nobody to filter, and no earlier set to empty
      }
      Dataset<Row> none = store.spark().createDataFrame(List.of(), ConsentFilter.CONSENT_SCHEMA);
      LocalDate day = asOf.atZone(ZoneOffset.UTC).toLocalDate();
      consentSets.write(purpose, new ConsentFilter(purpose, policies.consent().model(), day).decisive(all.orElse(none)),
          consentVersions() + " on " + day);
    }
  }

  /** A product's publication and what governance did for it. */
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

  /**
   * What a gold publication's commits record: the key its views' pseudonyms are under, the digest of every
   * class's view, the consent versions (when the product or a class needs consent) and the date.
   *
   * @param asOf the publication date; null to leave it out (for comparison)
   */
  private Stamp goldStamp(Contract contract, List<ClassView> views, Instant asOf) {
    boolean key = views.stream().anyMatch(v -> readsView(v) && v.usesKey());
    boolean consent = consentPurpose(contract).isPresent()
        || views.stream().anyMatch(v -> readsView(v) && v.consentPurpose().isPresent());
    String digest = DigestUtils.sha256Hex(String.join(",", views.stream()
        .filter(Governor::readsView).map(ClassView::digest).toList())).substring(0, 16);
    return new Stamp(-1, key ? keyring().current().id() : "", digest, consent ? consentVersions() : Map.of(),
        asOf == null ? "" : asOf.atZone(ZoneOffset.UTC).toLocalDate().toString());
  }

  private GovernedPublication.ClassTable derive(ClassView view, DerivedTable table, Contract contract, Dataset<Row> rows,
      Optional<Increment> increment, long goldVersion, Instant asOf, Optional<Dataset<Row>> decisions) {
    String location = folder(view.consumerClass(), table.id());
    Dataset<Row> source = increment.isPresent() ? warehouse.read(table.id(), goldVersion) : rows;
    Dataset<Row> governed = source;
    boolean filtered = view.consentPurpose().isPresent() && (decisions.isPresent()
        || policies.consent().model() == ConsentModel.OPT_IN);
    if (view.consentPurpose().isPresent()) {
      governed = withConsent(governed, view.personColumn().orElseThrow(), view.consentPurpose().get(), asOf, decisions);
    }
    governed = project(view, governed, asOf);
    SmallCellSuppression.Suppressed suppressed = view.suppression().orElseThrow().suppress(governed);
    Stamp stamp = stamp(view, contract, goldVersion);
    suppressed.rows().write().format("delta").mode("overwrite").option("overwriteSchema", "true")
        .option("delta.enableDeletionVectors", "true").option("userMetadata", stamp.json()).save(location);
    Commit commit = store.lastCommit(location).orElseThrow();
    long written = commit.metric("numOutputRows");
    long removed = filtered ? source.count() - written : 0;
    return new GovernedPublication.ClassTable(view.consumerClass(), GovernedPublication.Form.TABLE, location,
        commit.version(), written, view.describeColumns(), view.consentPurpose(), removed, suppressed.suppressed(),
        view.notes());
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
  private synchronized Optional<Dataset<Row>> decisions() {
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
        consent ? consentVersions() : Map.of(), "");
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
        classes.put(t.consumerClass(), switch (t.form()) {
          case GOLD -> Map.of("reads", "gold table", "version", t.version());
          case VIEW -> Map.of("reads", "view of the gold table", "version", t.version());
          case TABLE -> Map.of("reads", "table", "table", t.location(), "version", t.version(), "rows", t.rows());
        });
      }
      events.add(new AuditEvent(AuditKind.PUBLICATION, actor, Map.of("run_id", runId, "product",
          p.product().qualifiedName(), "gold_version", p.goldVersion(), "key_id", p.keyId().orElse(""), "classes", classes)));
      for (GovernedPublication.ClassTable t : p.tables()) {
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("run_id", runId);
        decision.put("product", p.product().qualifiedName());
        decision.put("class", t.consumerClass());
        decision.put("columns", new TreeMap<>(t.columns()));
        decision.put("consent", t.consentPurpose().map(purpose -> t.form() == GovernedPublication.Form.VIEW
            ? Map.<String, Object>of("purpose", purpose, "model", policies.consent().model().label(), "applied",
                "as the view is read")
            : Map.<String, Object>of("purpose", purpose, "model", policies.consent().model().label(), "rows_removed",
                t.consentRemoved())).orElse(Map.of()));
        decision.put("suppressed_cells", t.suppressedCells());
        decision.put("notes", t.notes());
        events.add(new AuditEvent(AuditKind.POLICY_DECISION, actor, decision));
      }
    }
    auditLog.append(events);
  }

  /**
   * What a governed table or a gold publication was derived under, kept as the user metadata of its commits.
   *
   * @param goldVersion the gold version a class table was derived from; -1 on the gold table
   * @param asOf the publication date, on the gold table; empty on class tables
   */
  private record Stamp(long goldVersion, String key, String policy, Map<String, Long> consent, String asOf) {
    static final Stamp NONE = new Stamp(-1, "", "", Map.of(), "");

    Stamp {
      consent = new TreeMap<>(consent);
    }

    String json() {
      try {
        return JSON.writeValueAsString(Map.of("gold_version", goldVersion, "key", key, "policy", policy, "consent",
            consent, "as_of", asOf));
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
            node.path("policy").asText(""), consent, node.path("as_of").asText("")));
      } catch (JsonProcessingException e) {
        return Optional.empty();
      }
    }
  }
}
