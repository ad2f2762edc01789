package io.meshlake.lineage;

import io.meshlake.api.IngestTable;
import io.meshlake.api.TableId;
import io.meshlake.ingest.IngestedFile;
import io.meshlake.plan.Step;
import io.meshlake.quality.QualityLog;
import io.meshlake.quality.RuleOutcome;
import io.meshlake.run.BuildStatus;
import io.meshlake.run.RunOptions;
import io.meshlake.run.TableBuild;
import io.meshlake.table.Warehouse;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.types.StructField;

/**
 * The OpenLineage run events of one meshlake run's table builds, made from what the runner already knows:
 * the plan's inputs, the run log's record of the build, the written table's schema and the quality gate's
 * verdict. The job is the table ({@code <namespace>/<domain>_<layer>.<table>}); its parent, the meshlake
 * run of the domain. Tables are datasets named {@code <domain>_<layer>.<table>} in the warehouse's namespace
 * (its URI); a bronze table's input is the extract folder.
 */
final class BuildEvents {
  /** Identifies meshlake as the producer of the events. */
  static final URI PRODUCER = URI.create("urn:meshlake:framework");

  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final Warehouse store;
  private final String jobNamespace;
  private final String warehouse;
  private final String runId;
  private final String domain;
  private final RunOptions options;

  /**
   * @param jobNamespace the namespace of the builds' jobs and of the run's own job
   * @param runId the run log's id of the run
   */
  BuildEvents(Warehouse store, String jobNamespace, String runId, String domain, RunOptions options) {
    this.store = store;
    this.jobNamespace = jobNamespace;
    this.warehouse = store.delta().warehouse();
    this.runId = runId;
    this.domain = domain;
    this.options = options;
  }

  /** The OpenLineage run id of the meshlake run, derived from its run log id (which is not a UUID). */
  static UUID parentRunId(String runId) {
    return UUID.nameUUIDFromBytes(("meshlake run " + runId).getBytes(StandardCharsets.UTF_8));
  }

  /** A table build begins: its declared inputs and its table. */
  OpenLineage.RunEvent start(Step step, UUID run, Instant at) {
    return event(EventType.START, at, run, runFacets(Optional.empty()), step, inputs(step, Optional.empty()),
        List.of(ol.newOutputDatasetBuilder().namespace(warehouse).name(step.id().qualifiedName())
            .facets(ol.newDatasetFacetsBuilder().storage(storage(step.id())).build()).build()));
  }

  /**
   * A table build ended: COMPLETE when it succeeded or found its table up to date, FAIL with the error
   * otherwise. The output carries the schema and row count of what was written, and the gate's verdict.
   */
  OpenLineage.RunEvent end(Step step, UUID run, TableBuild build, Optional<QualityLog.Entry> gate) {
    List<OpenLineage.OutputDataset> outputs = new ArrayList<>(List.of(output(build, gate)));
    if (build.status() == BuildStatus.SUCCEEDED && build.rowsQuarantined() > 0) {
      TableId quarantine = new TableId(build.table().domain(), build.table().layer(), build.table().name() + "_quarantine");
      outputs.add(ol.newOutputDatasetBuilder().namespace(warehouse).name(quarantine.qualifiedName())
          .facets(ol.newDatasetFacetsBuilder().storage(storage(quarantine)).build())
          .outputFacets(ol.newOutputDatasetOutputFacetsBuilder()
              .outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(build.rowsQuarantined()).build())
              .build())
          .build());
    }
    EventType type = build.status() == BuildStatus.FAILED ? EventType.FAIL : EventType.COMPLETE;
    return event(type, build.endedAt(), run, runFacets(Optional.of(build)), step, inputs(step, Optional.of(build)),
        outputs);
  }

  private OpenLineage.RunEvent event(EventType type, Instant at, UUID run, OpenLineage.RunFacets facets, Step step,
      List<OpenLineage.InputDataset> inputs, List<OpenLineage.OutputDataset> outputs) {
    OpenLineage.JobFacets job = ol.newJobFacetsBuilder()
        .jobType(ol.newJobTypeJobFacetBuilder().processingType("BATCH").integration("MESHLAKE").jobType("TASK").build())
        .build();
    return ol.newRunEventBuilder()
        .eventType(type)
        .eventTime(ZonedDateTime.ofInstant(at, ZoneOffset.UTC))
        .run(ol.newRun(run, facets))
        .job(ol.newJob(jobNamespace, step.id().qualifiedName(), job))
        .inputs(inputs)
        .outputs(outputs)
        .build();
  }

  private OpenLineage.RunFacets runFacets(Optional<TableBuild> build) {
    OpenLineage.RunFacetsBuilder facets = ol.newRunFacetsBuilder()
        .parent(ol.newParentRunFacetBuilder()
            .run(ol.newParentRunFacetRunBuilder().runId(parentRunId(runId)).build())
            .job(ol.newParentRunFacetJobBuilder().namespace(jobNamespace).name(domain).build())
            .build());
    options.asOf().ifPresent(asOf -> facets.nominalTime(
        ol.newNominalTimeRunFacetBuilder().nominalStartTime(ZonedDateTime.ofInstant(asOf, ZoneOffset.UTC)).build()));
    OpenLineage.DefaultRunFacet meshlake = new OpenLineage.DefaultRunFacet(PRODUCER);
    meshlake.getAdditionalProperties().put("runId", runId);
    build.ifPresent(b -> meshlake.getAdditionalProperties().put("status", b.status().name()));
    facets.put("meshlake_run", meshlake);
    build.filter(b -> b.status() == BuildStatus.FAILED).ifPresent(b -> facets.errorMessage(
        ol.newErrorMessageRunFacetBuilder().message(b.message()).programmingLanguage("Java").build()));
    return facets.build();
  }

  private List<OpenLineage.InputDataset> inputs(Step step, Optional<TableBuild> build) {
    if (step.table() instanceof IngestTable) {
      return List.of(extractFolder(build.filter(b -> b.status() == BuildStatus.SUCCEEDED && !b.files().isEmpty())));
    }
    List<OpenLineage.InputDataset> inputs = new ArrayList<>();
    for (Step.Resolved input : step.inputs()) {
      String name = input.table().qualifiedName();
      OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder().storage(storage(input.table()));
      build.map(b -> b.inputVersions().get(name))
          .ifPresent(version -> facets.version(ol.newDatasetVersionDatasetFacet(String.valueOf(version))));
      inputs.add(ol.newInputDatasetBuilder().namespace(warehouse).name(name).facets(facets.build()).build());
    }
    return inputs;
  }

  /** The extract folder a bronze table ingests from, with what was read from it when the build read files. */
  private OpenLineage.InputDataset extractFolder(Optional<TableBuild> read) {
    URI folder = qualified(options.input());
    String namespace = folder.getScheme() + (folder.getAuthority() == null ? "" : "://" + folder.getAuthority());
    OpenLineage.InputDatasetBuilder input = ol.newInputDatasetBuilder().namespace(namespace).name(folder.getPath());
    read.ifPresent(b -> input.inputFacets(ol.newInputDatasetInputFacetsBuilder()
        .inputStatistics(ol.newInputStatisticsInputDatasetFacetBuilder()
            .rowCount(b.rowsIn())
            .size(b.files().stream().mapToLong(IngestedFile::size).sum())
            .fileCount((long) b.files().size())
            .build())
        .build()));
    return input.build();
  }

  private OpenLineage.OutputDataset output(TableBuild build, Optional<QualityLog.Entry> gate) {
    OpenLineage.DatasetFacetsBuilder facets = ol.newDatasetFacetsBuilder().storage(storage(build.table()));
    build.outputVersion().ifPresent(v -> facets.version(ol.newDatasetVersionDatasetFacet(String.valueOf(v))));
    OpenLineage.OutputDatasetOutputFacetsBuilder outputFacets = ol.newOutputDatasetOutputFacetsBuilder();
    if (build.status() == BuildStatus.SUCCEEDED) {
      build.outputVersion().ifPresent(v -> facets.schema(schema(build.table(), v)));
      outputFacets.outputStatistics(ol.newOutputStatisticsOutputDatasetFacetBuilder().rowCount(build.rowsOut()).build());
    }
    gate.ifPresent(g -> outputFacets.put("dataQualityAssertions", new OutputAssertions(assertions(g))));
    return ol.newOutputDatasetBuilder().namespace(warehouse).name(build.table().qualifiedName())
        .facets(facets.build()).outputFacets(outputFacets.build()).build();
  }

  /** The columns of the table as written, with their types and (from the contract) descriptions. */
  private OpenLineage.SchemaDatasetFacet schema(TableId table, long version) {
    List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
    for (StructField field : store.read(table, version).schema().fields()) {
      fields.add(ol.newSchemaDatasetFacetFieldsBuilder().name(field.name()).type(field.dataType().simpleString())
          .description(field.getComment().isDefined() ? field.getComment().get() : null).build());
    }
    return ol.newSchemaDatasetFacet(fields);
  }

  /** The gate's verdict rule by rule, as Deequ measured it. */
  private OpenLineage.DataQualityAssertionsDatasetFacet assertions(QualityLog.Entry gate) {
    List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> assertions = new ArrayList<>();
    for (RuleOutcome o : gate.outcomes()) {
      List<String> columns = o.rule().check().columns();
      assertions.add(ol.newDataQualityAssertionsDatasetFacetAssertionsBuilder()
          .assertion(QualityLog.kind(o.rule().check()))
          .name(o.rule().name())
          .success(o.status() == RuleOutcome.Status.PASSED)
          .column(columns.size() == 1 ? columns.get(0) : null)
          .severity(o.rule().level().label())
          .expected(o.rule().check().threshold())
          .actual(o.metric().isPresent() ? String.valueOf(o.metric().getAsDouble()) : null)
          .description(o.message())
          .build());
    }
    return ol.newDataQualityAssertionsDatasetFacet(assertions);
  }

  /** The table's storage: its format ({@code delta} or {@code iceberg}) over Parquet files. */
  private OpenLineage.StorageDatasetFacet storage(TableId table) {
    return ol.newStorageDatasetFacet(store.format(table).label(), "parquet");
  }

  private URI qualified(String folder) {
    Path path = new Path(folder);
    try {
      return path.getFileSystem(store.spark().sparkContext().hadoopConfiguration()).makeQualified(path).toUri();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve the extract folder " + folder, e);
    }
  }

  /**
   * OpenLineage's data-quality assertions facet on the output the gate judged (the client types it as an
   * input facet; here the checked rows are the ones written), under the standard facet's schema.
   */
  private static final class OutputAssertions extends OpenLineage.DefaultOutputDatasetFacet {
    private final OpenLineage.DataQualityAssertionsDatasetFacet facet;

    OutputAssertions(OpenLineage.DataQualityAssertionsDatasetFacet facet) {
      super(PRODUCER);
      this.facet = facet;
    }

    @Override
    public URI get_schemaURL() {
      return facet.get_schemaURL();
    }

    public List<OpenLineage.DataQualityAssertionsDatasetFacetAssertions> getAssertions() {
      return facet.getAssertions();
    }
  }
}
