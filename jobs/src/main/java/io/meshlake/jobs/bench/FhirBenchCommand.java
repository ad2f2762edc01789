package io.meshlake.jobs.bench;

import io.meshlake.jobs.generate.FhirBulkGenerator;
import io.meshlake.jobs.generate.GenerationReport;
import io.meshlake.jobs.generate.GeneratorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshlake fhir bench-ingest}: FHIR throughput of the clinical domain's bronze ingest (HAPI parse,
 * quarantine, Delta append) and silver views (latest version, SQL on FHIR views, MERGE), against Spark's
 * JSON reader with the same selects ({@link FhirBaselineJob}); each phase in a JVM of its own. meshlake runs
 * on the first half of the members and on all of them, so the peak heaps show whether memory stays flat as
 * the input grows.
 */
@Command(name = "bench-ingest", mixinStandardHelpOptions = true,
    description = {"Benchmark FHIR ingest: generate an Observation-heavy FHIR R4 Bulk NDJSON extract, then measure the"
        + " clinical domain's bronze ingest and silver views in resources per second, against a plain Spark JSON"
        + " reader with the same selects (the baseline), and the peak heap for half and all of the input.",
        "Each phase runs in its own JVM with the same heap and the environment's cores (local[2])."},
    footer = {"", "Example:  ./meshlake fhir bench-ingest --members 2500     # ~1M clinical resources"})
public final class FhirBenchCommand implements Callable<Integer> {
  private static final Set<String> CLINICAL = FhirBaselineJob.SELECTS.keySet();

  @Option(names = "--members", defaultValue = "2500", paramLabel = "N",
      description = "Members to generate; about 415 clinical resources each (default ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--heap", defaultValue = "2g", paramLabel = "SIZE", description = "Driver heap of every phase (default ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--dir", defaultValue = "bench-fhir", paramLabel = "DIR", description = "Working folder, emptied first (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PhaseRunner.deleteRecursively(dir);
    Path half = dir.resolve("half");
    Path all = dir.resolve("all");
    int first = members / 2;
    long halfResources = clinical(FhirBulkGenerator.generate(GeneratorOptions.of(first, half).withPart("h1")));
    long restResources = clinical(FhirBulkGenerator.generate(
        GeneratorOptions.of(members - first, all).withFirstMember(first).withPart("h2")));
    linkAll(half, all);
    long resources = halfResources + restResources;
    System.out.printf("meshlake FHIR benchmark: %,d members, %,d clinical resources (%,d in the first half),"
        + " driver heap %s, %d cores%n", members, resources, halfResources, heap, Runtime.getRuntime().availableProcessors());

    PhaseResult baseline = PhaseRunner.run(heap, "fhir-baseline", "baseline", all, dir.resolve("warehouse-baseline"));
    PhaseResult halfRun = PhaseRunner.run(heap, "fhir-meshlake", "meshlake-half", half, dir.resolve("warehouse-half"));
    PhaseResult fullRun = PhaseRunner.run(heap, "fhir-meshlake", "meshlake-all", all, dir.resolve("warehouse-all"));

    double baselineSeconds = baseline.tables().get(0).seconds();
    System.out.printf("%n%-28s %12s %9s %14s %-24s %10s%n", "phase", "resources", "seconds", "resources/s", "ratio", "peak heap");
    System.out.printf("%-28s %,12d %9.1f %,14.0f %-24s %10s%n", "baseline (JSON reader)", resources, baselineSeconds,
        resources / baselineSeconds, "1.00", PhaseRunner.gib(baseline.peakHeapBytes()));
    for (PhaseResult run : List.of(halfRun, fullRun)) {
      double bronze = seconds(run, "_bronze.");
      double silver = seconds(run, "_silver.");
      long in = rows(run, "_bronze.");
      System.out.printf("%-28s %,12d %9.1f %,14.0f %-24s %10s%n", run.phase() + " bronze", in, bronze, in / bronze, "",
          "");
      System.out.printf("%-28s %,12d %9.1f %,14.0f %-24s %10s%n", run.phase() + " silver", rows(run, "_silver."), silver,
          rows(run, "_silver.") / silver, "", "");
      System.out.printf("%-28s %,12d %9.1f %,14.0f %-24s %10s%n", run.phase() + " bronze+silver", in, bronze + silver,
          in / (bronze + silver), run == fullRun ? String.format("%.2f x baseline's rate", baselineSeconds / (bronze + silver))
              : "", PhaseRunner.gib(run.peakHeapBytes()));
    }
    System.out.printf("%ntarget: >= 20,000 resources/s bronze+silver end to end; peak heap with all the input %.2f x"
        + " with half of it (flat: about 1)%n", (double) fullRun.peakHeapBytes() / halfRun.peakHeapBytes());
    System.out.printf("%n%-40s %12s %9s %12s%n", "table (all input)", "rows in", "seconds", "rows/s");
    for (PhaseResult.TableTiming t : fullRun.tables()) {
      System.out.printf("%-40s %,12d %9.1f %,12.0f%n", t.table(), t.rowsIn(), t.seconds(),
          t.seconds() > 0 ? t.rowsIn() / t.seconds() : 0);
    }
    return 0;
  }

  private static long clinical(GenerationReport report) {
    return report.files().entrySet().stream()
        .filter(f -> CLINICAL.contains(f.getKey().substring(0, f.getKey().indexOf('.'))))
        .mapToLong(f -> f.getValue().rows()).sum();
  }

  /** Hard-links the first half's files into the folder of all members. */
  private static void linkAll(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.createLink(to.resolve(file.getFileName()), file);
      }
    }
  }

  private static double seconds(PhaseResult run, String layer) {
    return run.tables().stream().filter(t -> t.table().contains(layer)).mapToDouble(PhaseResult.TableTiming::seconds).sum();
  }

  private static long rows(PhaseResult run, String layer) {
    return run.tables().stream().filter(t -> t.table().contains(layer)).mapToLong(PhaseResult.TableTiming::rowsIn).sum();
  }
}
