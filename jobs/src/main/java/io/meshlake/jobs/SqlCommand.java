package io.meshlake.jobs;

import io.meshlake.Platform;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake sql}: runs a query over the warehouse, for analysts. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run a Spark SQL query over the warehouse's tables and print the result.",
        "Tables are <domain>_<layer>.<table>, e.g. claims_gold.member_month_costs; SHOW TABLES IN member_gold lists them."},
    footer = {"", "Examples:",
        "  ./meshlake sql \"SELECT * FROM claims_gold.payer_pmpm ORDER BY month DESC LIMIT 10\"",
        "  ./meshlake sql --format csv \"SELECT * FROM member_gold.member_months\" > member_months.csv",
        "  ./meshlake sql \"SELECT * FROM meshlake_platform.run_log ORDER BY started_at DESC\""})
final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "The query, in quotes.")
  String query;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), csv or json (one object per line).")
  Format format;

  @Option(names = "--limit", defaultValue = "1000", paramLabel = "N",
      description = "Print at most N rows in table format (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin
  PlatformOptions platform;

  enum Format { table, csv, json }

  @Override
  public Integer call() throws Exception {
    Platform running = platform.start();
    running.attachCatalog();
    Dataset<Row> result = running.spark().sql(query);
    switch (format) {
      case table -> System.out.println(result.showString(limit, 0, false));
      case csv -> printCsv(result);
      case json -> result.toJSON().toLocalIterator().forEachRemaining(System.out::println);
    }
    return 0;
  }

  private static void printCsv(Dataset<Row> result) {
    System.out.println(String.join(",", List.of(result.columns()).stream().map(SqlCommand::csvValue).toList()));
    result.toLocalIterator().forEachRemaining(row -> {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length(); i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(row.isNullAt(i) ? "" : csvValue(String.valueOf(row.get(i))));
      }
      System.out.println(line);
    });
  }

  private static String csvValue(String value) {
    return value.contains(",") || value.contains("\"") || value.contains("\n")
        ? '"' + value.replace("\"", "\"\"") + '"'
        : value;
  }
}
