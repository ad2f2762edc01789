package io.meshlake.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Runs a benchmark phase ({@link BenchPhaseCommand}) in a JVM of its own and reads back its result. */
final class PhaseRunner {
  private PhaseRunner() {}

  /**
   * Runs {@code meshlake bench-phase <kind>} with the given driver heap and this JVM's other flags.
   *
   * @throws IllegalStateException when the phase fails or prints no result
   */
  static PhaseResult run(String heap, String kind, String name, Path extract, Path warehouse)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-agentlib") && !a.startsWith("-javaagent"))
        .forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.meshlake.jobs.Meshlake", "bench-phase", kind,
        "--extract", extract.toString(), "--warehouse", warehouse.toString(), "--name", name));
    System.err.println("bench: running phase " + name + " in its own JVM ...");
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    PhaseResult result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith(BenchPhaseCommand.RESULT_PREFIX)) {
          result = new ObjectMapper().readValue(line.substring(BenchPhaseCommand.RESULT_PREFIX.length()), PhaseResult.class);
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException("Benchmark phase " + name + " failed (exit " + exit + "); see its output above");
    }
    System.err.printf("bench: %s took %.1f s%n", name, result.seconds());
    return result;
  }

  static String gib(long bytes) {
    return String.format("%.2f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
