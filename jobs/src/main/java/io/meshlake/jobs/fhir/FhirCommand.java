package io.meshlake.jobs.fhir;

import picocli.CommandLine.Command;

/** {@code meshlake fhir}: SQL on FHIR v2 views: run a view, check conformance, benchmark the engine and the ingest. */
@Command(name = "fhir", mixinStandardHelpOptions = true,
    description = {"SQL on FHIR v2 ViewDefinitions: run one over FHIR files, check the engine against the"
        + " conformance suite, or benchmark it against HAPI FHIRPath (none of these start Spark); or benchmark FHIR"
        + " ingest into bronze and silver with Spark."},
    subcommands = {ViewCommand.class, ConformanceCommand.class, BenchViewsCommand.class,
        io.meshlake.jobs.bench.FhirBenchCommand.class},
    footer = {"", "Examples:",
        "  ./meshlake fhir view --view patients.json --input fhir/ --limit 20",
        "  ./meshlake fhir conformance --tests sof/tests --report report.json",
        "  ./meshlake fhir bench-views --resources 20000",
        "  ./meshlake fhir bench-ingest --members 2500     # bronze + silver views over ~1M resources"})
public final class FhirCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
