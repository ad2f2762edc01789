package io.meshlake.jobs;

import io.meshlake.table.TableFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The environment an end-to-end test runs its commands in: the local environment as shipped, or the local
 * environment with every gold data product in one table format ({@code formats.default}), so one test class
 * checks both formats; and each table's latest commit, read without meshlake's code.
 */
final class ProductFormatEnvironment {
  private static final Path LOCAL = Path.of("../conf/local.yaml");
  private static final String DEFAULT_LINE = "  default: delta";

  private ProductFormatEnvironment() {}

  /**
   * The arguments that choose the environment: none for the local environment as shipped; else
   * {@code --env-file} and a copy of {@code conf/local.yaml}, written into {@code folder}, whose products default
   * to {@code format}.
   */
  static List<String> arguments(Optional<TableFormat> format, Path folder) throws IOException {
    if (format.isEmpty()) {
      return List.of();
    }
    String local = Files.readString(LOCAL);
    if (!local.contains(DEFAULT_LINE)) {
      throw new IllegalStateException(LOCAL + " has no line '" + DEFAULT_LINE + "' under formats: to change");
    }
    Path file = folder.resolve("environment-" + format.get().label() + ".yaml");
    Files.writeString(file, local.replace(DEFAULT_LINE, "  default: " + format.get().label()));
    return List.of("--env-file", file.toString());
  }

  /**
   * The table's latest commit: its Delta version, or for an Iceberg table the number of its metadata files (one
   * a commit, data and properties alike).
   */
  static long latestCommit(SparkSession spark, String table) {
    return spark.catalog().tableExists("iceberg." + table)
        ? spark.sql("SELECT count(*) FROM iceberg." + table + ".metadata_log_entries").first().getLong(0)
        : io.delta.tables.DeltaTable.forName(spark, table).history(1).first().<Long>getAs("version");
  }
}
