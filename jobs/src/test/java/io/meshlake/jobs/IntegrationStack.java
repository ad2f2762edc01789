package io.meshlake.jobs;

import io.meshlake.jobs.generate.GeneratorOptions;
import io.meshlake.jobs.generate.SyntheaCsvGenerator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The integration stack .ci/stack.sh starts (a Spark standalone cluster and Airflow on 127.0.0.1), as the
 * *IT tests see it through MESHLAKE_IT_* environment variables, plus the cluster job jar Maven built.
 */
final class IntegrationStack {

  private IntegrationStack() {}

  /** An environment variable of the stack; fails saying how to start the stack when it is missing. */
  static String env(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: the integration tests need the stack of .ci/stack.sh."
          + " Run .ci/run, or `source .ci/stack.sh && stack_up`, then mvn verify, then stack_down");
    }
    return value;
  }

  /** The environment (conf/NAME.yaml) runs on the stack use: .ci/conf/ci.yaml, sized for the fixture. */
  static final String ENV = "ci";

  /** The stack's work folder (its Airflow Variables point into it). */
  static Path work() {
    return Path.of(env("MESHLAKE_IT_WORK"));
  }

  /** The thin job jar of the cluster profile, as Maven's package phase built it. */
  static Path clusterJar() {
    try (Stream<Path> jars = Files.list(Path.of("target"))) {
      return jars.filter(p -> p.getFileName().toString().matches("meshlake-jobs-.*-cluster\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No target/meshlake-jobs-*-cluster.jar: build with -Pcluster"))
          .toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a small generated extract (40 members, no malformed rows, the same bytes every time) into
   * {@code folder}. Unlike the Synthea sample, whose claims end a year before its coverage does, one as-of
   * time passes both domains' freshness gates: {@link #generatedAsOf}.
   */
  static Path generateExtract(Path folder) {
    try {
      SyntheaCsvGenerator.generate(GeneratorOptions.of(40, folder).withSeed(11));
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The as-of time of a {@link #generateExtract} extract, read from its files: its newest claim transaction.
   * Coverage runs to the generator's extract date, later still, so the member domain's gate passes too; a
   * 40-member extract's last claim lies a day or two before that date (against which the claims domain's
   * 24-hour freshness gate fails).
   */
  static Instant generatedAsOf(Path extract) {
    return RawCsv.sampleAsOf(extract, "claims");
  }

  /**
   * Runs {@code spark-submit --master <the stack's master> <args>} from the stack's Spark distribution,
   * logging to {@code log}, and returns its exit status.
   */
  static int sparkSubmit(Path log, List<String> args) {
    List<String> command = new ArrayList<>(List.of(env("MESHLAKE_IT_SPARK_HOME") + File.separator + "bin"
        + File.separator + "spark-submit", "--master", env("MESHLAKE_IT_SPARK_MASTER"),
        "--driver-memory", "1g", "--executor-memory", "1g", "--conf", "spark.cores.max=2"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    builder.environment().put("MESHLAKE_CONF", env("MESHLAKE_IT_CONF"));
    try {
      Process process = builder.start();
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("spark-submit " + args + " ran over 10 minutes; see " + log);
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last lines of a log, for assertion messages. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log " + log + ")";
    }
  }
}
