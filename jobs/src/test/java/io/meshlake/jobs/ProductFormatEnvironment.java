package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.meshlake.table.TableFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.catalyst.parser.ParseException;

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

  /** The {@code formats:} section of an environment file whose products default to {@code format}; empty for none. */
  static String formatsSection(Optional<TableFormat> format) {
    return format.map(f -> "formats:\n  default: " + f.label() + "\n").orElse("");
  }

  /**
   * How SQL reads the table of a warehouse, without meshlake's code: {@code iceberg.<table>} when the session's
   * Iceberg catalog has it, else the Delta table by its folder {@code delta.`<warehouse>/<namespace>/<name>`}.
   */
  static String source(SparkSession spark, String warehouse, String table) {
    return spark.catalog().tableExists("iceberg." + table) ? "iceberg." + table
        : "delta.`" + warehouse + "/" + table.replace('.', '/') + "`";
  }

  /** Asserts that each gold table of {@code tables} is kept in {@code format} alone and every other in Delta alone. */
  static void assertGoldIn(TableFormat format, SparkSession spark, String warehouse, List<String> tables) {
    for (String table : tables) {
      assertThat(formatsOf(spark, warehouse, table)).as(table)
          .containsExactly(table.contains("_gold.") ? format : TableFormat.DELTA);
    }
  }

  /**
   * The formats the table is kept in, seen without meshlake's code: Iceberg when the session's Iceberg catalog has
   * it, Delta when its folder in the warehouse has a {@code _delta_log}; exactly one for a table as it should be.
   */
  private static Set<TableFormat> formatsOf(SparkSession spark, String warehouse, String table) {
    Set<TableFormat> formats = EnumSet.noneOf(TableFormat.class);
    if (spark.catalog().tableExists("iceberg." + table)) {
      formats.add(TableFormat.ICEBERG);
    }
    if (Files.isDirectory(Path.of(warehouse, table.replace('.', '/'), "_delta_log"))) {
      formats.add(TableFormat.DELTA);
    }
    return formats;
  }

  /**
   * The table's version as a run records it, read with each format's own API: the Delta table's latest version,
   * or the sequence number of the Iceberg table's current snapshot.
   */
  static long recordedVersion(SparkSession spark, String warehouse, String table) {
    if (!spark.catalog().tableExists("iceberg." + table)) {
      return DeltaTable.forPath(spark, warehouse + "/" + table.replace('.', '/')).history(1).first()
          .<Long>getAs("version");
    }
    try {
      return Spark3Util.loadIcebergTable(spark, "iceberg." + table).currentSnapshot()
          .sequenceNumber();
    } catch (ParseException | NoSuchTableException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The table's latest commit: its Delta version, or for an Iceberg table the number of its metadata files (one
   * a commit, data and properties alike).
   */
  static long latestCommit(SparkSession spark, String table) {
    return spark.catalog().tableExists("iceberg." + table)
        ? spark.sql("SELECT count(*) FROM iceberg." + table + ".metadata_log_entries").first().getLong(0)
        : DeltaTable.forName(spark, table).history(1).first().<Long>getAs("version");
  }
}
