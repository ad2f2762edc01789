package io.meshlake.jobs;

import io.meshlake.Platform;
import io.meshlake.api.DerivedTable;
import io.meshlake.api.Layer;
import io.meshlake.governance.ConsumerSession;
import io.meshlake.plan.Domains;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake sql}: runs a query over the warehouse, as the platform team or as a consumer class. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run a Spark SQL query over the warehouse's tables and print the result.",
        "Tables are <domain>_<layer>.<table>, e.g. claims_gold.member_month_costs; SHOW TABLES IN member_gold lists them.",
        "With --as CLASS the query runs as a consumer class of conf/governance/consumer-classes.yaml (clinical,"
            + " analyst, researcher): the gold products keep their names but resolve to that class's governed"
            + " tables (pseudonymised, masked, de-identified, consent-filtered, small cells suppressed), and"
            + " nothing else can be read: other tables, files and commands are refused. Each such query is"
            + " recorded in the audit log (./meshlake audit show)."},
    footer = {"", "Examples:",
        "  ./meshlake sql \"SELECT * FROM claims_gold.payer_pmpm ORDER BY month DESC LIMIT 10\"",
        "  ./meshlake sql --as analyst \"SELECT m.member_id, sum(c.charges) FROM claims_gold.member_month_costs c"
            + " JOIN member_gold.members m USING (member_id) GROUP BY m.member_id\"",
        "  ./meshlake sql --as researcher \"SELECT birth_date, count(*) FROM member_gold.members GROUP BY birth_date\"",
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

  @Option(names = "--as", paramLabel = "CLASS",
      description = "Run as this consumer class: only its views of the gold products, audited.")
  String consumerClass;

  @Mixin
  PlatformOptions platform;

  enum Format { table, csv, json }

  @Override
  public Integer call() throws Exception {
    Platform running = platform.start();
    if (consumerClass == null) {
      running.attachCatalog();
      print(running.spark().sql(query));
      return 0;
    }
    try (ConsumerSession session = ConsumerSession.open(running.store(), running.governor(), consumerClass, goldProducts(),
        Console::progress)) {
      print(session.query(query));
    }
    return 0;
  }

  /** The gold products of every domain found. */
  static List<DerivedTable> goldProducts() {
    return Domains.discover().stream().flatMap(d -> d.tables().stream())
        .filter(t -> t.id().layer() == Layer.GOLD && t instanceof DerivedTable).map(t -> (DerivedTable) t).toList();
  }

  private void print(Dataset<Row> result) {
    switch (format) {
      case table -> System.out.println(result.showString(limit, 0, false));
      case csv -> printCsv(result);
      case json -> result.toJSON().toLocalIterator().forEachRemaining(System.out::println);
    }
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
