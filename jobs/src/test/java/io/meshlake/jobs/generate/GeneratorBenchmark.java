package io.meshlake.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Throughput smoke check, run by hand (not a test):
 *
 * <pre>
 * mvn -q test-compile
 * java -cp target/classes:target/test-classes io.meshlake.jobs.generate.GeneratorBenchmark [members] [outDir]
 * </pre>
 *
 * Generates {@code members} (default 12,000) members and prints rows, claim transactions, elapsed
 * time and rows per second. Without {@code outDir} it writes to a temporary directory (about 1 GB
 * for 12,000 members) and deletes it afterwards.
 */
public final class GeneratorBenchmark {

  private GeneratorBenchmark() {}

  public static void main(String[] args) throws IOException {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
    boolean keep = args.length > 1;
    Path out = keep ? Paths.get(args[1]) : Files.createTempDirectory("meshlake-generator-bench");
    try {
      GenerationReport report = SyntheaCsvGenerator.generate(GeneratorOptions.of(members, out));
      double seconds = report.elapsed().toNanos() / 1e9;
      long transactions = report.files().get("claims_transactions.csv").rows();
      System.out.print(report.summary());
      System.out.printf(
          Locale.ROOT,
          "members=%,d claims=%,d claim_transactions=%,d rows=%,d seconds=%.2f rows/s=%,.0f"
              + " transactions/s=%,.0f%n",
          members,
          report.files().get("claims.csv").rows(),
          transactions,
          report.totalRows(),
          seconds,
          report.totalRows() / seconds,
          transactions / seconds);
    } finally {
      if (!keep) {
        deleteRecursively(out);
      }
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(GeneratorBenchmark::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
