package io.meshlake.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshlake.Platform;
import io.meshlake.api.Layer;
import io.meshlake.config.Environment;
import io.meshlake.governance.GovernedPublication;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import io.meshlake.run.RunResult;
import io.meshlake.run.TableBuild;
import io.meshlake.spark.Sessions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One benchmark phase, run by {@link BenchCommand} in a JVM of its own so every phase pays its own
 * start-up, like a scheduled job does. Prints one result line for the parent to read.
 */
@Command(name = "bench-phase", hidden = true,
    description = "One phase of `meshlake bench` or `meshlake fhir bench-ingest`, in its own JVM.")
public final class BenchPhaseCommand implements Callable<Integer> {
  static final String RESULT_PREFIX = "BENCH-RESULT ";
  /** The row of a baseline increment's result that holds its start-up: JVM and Spark session. */
  static final String START_UP = "start-up";

  @Parameters(index = "0", description = "baseline, baseline-increment, meshlake, fhir-baseline or fhir-meshlake") String phase;
  @Option(names = "--extract", required = true) String extract;
  @Option(names = "--warehouse", required = true) String warehouse;
  @Option(names = "--name", required = true) String name;

  @Override
  public Integer call() throws Exception {
    List<PhaseResult.TableTiming> tables = new ArrayList<>();
    Optional<JobCounter> jobs = Optional.empty();
    double audit = 0;
    long peak;
    try (HeapSampler heap = new HeapSampler()) {
      Environment env = Environment.load("local").withWarehouse(warehouse);
      if (phase.equals("baseline")) {
        StepTimes times = new StepTimes();
        new BaselineJob(Sessions.start(env, Map.of()), extract, warehouse, times).run();
        tables.addAll(times.steps());
      } else if (phase.equals("baseline-increment")) {
        SparkSession spark = Sessions.start(env, Map.of());
        StepTimes times = new StepTimes();
        times.record(START_UP, secondsSinceStart());
        new BaselineIncrementJob(spark, extract, warehouse, BenchCommand.INCREMENT_PART, times).run();
        tables.addAll(times.steps());
      } else if (phase.equals("fhir-baseline")) {
        long resources = new FhirBaselineJob(Sessions.start(env, Map.of()), extract, warehouse).run();
        tables.add(new PhaseResult.TableTiming("baseline", "SUCCEEDED", resources, secondsSinceStart(), 0, 0, 0, 0));
      } else if (phase.equals("fhir-meshlake")) {
        Platform platform = Platform.start(env, Map.of(), line -> { });
        Planner planner = Planner.of(Domains.discover());
        for (Layer layer : List.of(Layer.BRONZE, Layer.SILVER)) {
          RunResult result = platform.run(planner.plan(new Selection("clinical", Optional.of(layer), Optional.empty(), false)),
              extract, false, Optional.empty());
          if (!result.succeeded()) {
            System.err.println(result.summary());
            return 1;
          }
          result.builds().forEach(b -> tables.add(new PhaseResult.TableTiming(b.table().qualifiedName(), b.status().name(),
              b.rowsIn(), b.elapsed().toMillis() / 1000.0, 0, 0, 0, 0)));
        }
      } else {
        Planner planner = Planner.of(Domains.discover());
        Platform platform = Platform.start(env, Map.of(), line -> { });
        jobs = Optional.of(JobCounter.listeningTo(platform.spark().sparkContext()));
        for (String domain : BaselineJob.DOMAINS) {
          RunResult result = platform.run(planner.plan(Selection.domain(domain)), extract, false,
              Optional.of(SyntheaCsvGenerator.extractDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
          // The run appends to the audit log after its result is complete, just before returning.
          audit += Duration.between(result.endedAt(), Instant.now()).toMillis() / 1000.0;
          if (!result.succeeded()) {
            System.err.println(result.summary());
            return 1;
          }
          for (TableBuild b : result.builds()) {
            double gate = result.quality().stream().filter(q -> q.product().equals(b.table()))
                .mapToDouble(q -> q.gateTime().toMillis() / 1000.0).sum();
            Optional<GovernedPublication> governed = result.governance().stream()
                .filter(g -> g.product().equals(b.table())).findFirst();
            tables.add(new PhaseResult.TableTiming(b.table().qualifiedName(), b.status().name(), b.rowsIn(),
                b.elapsed().toMillis() / 1000.0, gate, governed.map(g -> g.time().toMillis() / 1000.0).orElse(0.0),
                governed.map(g -> g.beside().toMillis() / 1000.0).orElse(0.0), 0));
          }
        }
      }
      peak = heap.peakBytes();
    }
    double seconds = secondsSinceStart();
    jobs.ifPresent(counter -> tables.replaceAll(t -> t.withSparkJobs(counter.jobs(t.table())))); // after the timing
    System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(new PhaseResult(name, seconds, peak, tables, audit)));
    return 0;
  }

  private static double secondsSinceStart() {
    return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
  }
}
