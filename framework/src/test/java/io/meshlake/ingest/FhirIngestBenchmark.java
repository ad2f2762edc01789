package io.meshlake.ingest;

import io.meshlake.api.DomainSpec;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.run.RunLog;
import io.meshlake.run.RunOptions;
import io.meshlake.run.RunResult;
import io.meshlake.run.Runner;
import io.meshlake.run.TableBuild;
import io.meshlake.table.Warehouse;
import io.meshlake.testing.SparkTestBase;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;

/**
 * Throughput check of FHIR bronze ingest and latest-version silver, run by hand (not a test), on a
 * folder of NDJSON such as {@code ./meshlake generate --fhir --members 200 --out /tmp/fhir}:
 *
 * <pre>
 * mvn -q -pl framework test-compile
 * java -Xmx2g [Java 17 --add-opens flags] -cp framework/target/classes:framework/target/test-classes:$(deps) \
 *     io.meshlake.ingest.FhirIngestBenchmark /tmp/fhir
 * </pre>
 *
 * Prints resources per second for bronze, for silver, and for both, and the peak heap used.
 */
public final class FhirIngestBenchmark extends SparkTestBase {
  private static final String[] TYPES = {"Patient", "Encounter", "Condition", "Observation", "Procedure",
      "MedicationRequest", "Immunization", "Practitioner", "PractitionerRole", "Organization", "Location",
      "ExplanationOfBenefit", "Claim"};

  private FhirIngestBenchmark() {}

  public static void main(String[] args) {
    String input = args[0];
    Warehouse store = Warehouse.delta(spark(), freshWarehouse());
    DomainSpec domain = FhirIngestTest.latestVersions("bench", TYPES);
    RunResult result = new Runner(store, new RunLog(store.delta()), io.meshlake.testing.TestGovernance.governor(store), line -> { }).run(
        Planner.of(List.of(domain)).plan(Selection.domain("bench")), new RunOptions(input, false, 32L << 20, java.util.Optional.empty()));
    if (!result.succeeded()) {
      throw new IllegalStateException(result.summary());
    }
    TableBuild bronze = result.builds().get(0);
    TableBuild silver = result.builds().get(1);
    double bronzeSeconds = seconds(bronze);
    double silverSeconds = seconds(silver);
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(Locale.ROOT, "resources in=%,d out=%,d quarantined=%,d silver=%,d%n", bronze.rowsIn(),
        bronze.rowsOut(), bronze.rowsQuarantined(), silver.rowsOut());
    System.out.printf(Locale.ROOT, "bronze %.1f s = %,.0f resources/s; silver %.1f s = %,.0f resources/s;"
            + " bronze+silver %,.0f resources/s; peak heap (sum of pool peaks) %,d MiB of max %,d MiB%n",
        bronzeSeconds, bronze.rowsIn() / bronzeSeconds, silverSeconds, bronze.rowsOut() / silverSeconds,
        bronze.rowsIn() / (bronzeSeconds + silverSeconds), peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
    spark().stop();
  }

  private static double seconds(TableBuild build) {
    return (build.endedAt().toEpochMilli() - build.startedAt().toEpochMilli()) / 1000.0;
  }
}
