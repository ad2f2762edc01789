package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.Contracts;
import io.meshlake.table.TableFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The member and claims end-to-end test, every check of it, with every gold data product kept in Iceberg
 * (the environment's {@code formats.default: iceberg}) while bronze, silver and the platform's tables stay
 * Delta; plus what only an Iceberg product shows.
 */
class MemberAndClaimsOnIcebergEndToEndTest extends MemberAndClaimsEndToEndTest {
  @Override
  Optional<TableFormat> productFormat() {
    return Optional.of(TableFormat.ICEBERG);
  }

  @Test
  @Order(0)
  void theProductsAreIcebergTablesAndEverythingElseDelta() {
    ProductFormatEnvironment.assertGoldIn(TableFormat.ICEBERG, spark(), warehouse, TABLES);
  }

  @Test
  @Order(0)
  void theRunLogRecordsTheIcebergSnapshotsSequenceNumbers() throws Exception {
    for (String product : List.of("member_gold.member_months", "claims_gold.payer_pmpm")) {
      Table table = Spark3Util.loadIcebergTable(spark(), "iceberg." + product);
      Object recorded = scalar("SELECT output_version FROM meshlake_platform.run_log WHERE table_name = '" + product
          + "' AND status = 'SUCCEEDED' ORDER BY ended_at DESC LIMIT 1");
      assertThat(recorded).as(product).isEqualTo(table.currentSnapshot().sequenceNumber());
      // claims read member_months at the version member's run published
      if (product.equals("member_gold.member_months")) {
        Row read = sql("SELECT input_versions['member_gold.member_months'] FROM meshlake_platform.run_log"
            + " WHERE table_name = 'claims_gold.payer_pmpm' AND status = 'SUCCEEDED'").get(0);
        assertThat(read.get(0)).isEqualTo(table.currentSnapshot().sequenceNumber());
      }
    }
  }

  @Test
  @Order(0)
  void theContractIsOnTheIcebergTable() {
    Contract contract = Contracts.load("claims", "payer_pmpm");
    Map<String, String> comments = sql("DESCRIBE TABLE iceberg.claims_gold.payer_pmpm").stream()
        .filter(r -> !r.getString(0).isBlank() && !r.getString(0).startsWith("#"))
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.isNullAt(2) ? "" : r.getString(2), (a, b) -> a));
    for (ContractColumn column : contract.columns()) {
      assertThat(comments.get(column.name())).as(column.name()).isEqualTo(column.description());
    }
    Table table;
    try {
      table = Spark3Util.loadIcebergTable(spark(), "iceberg.claims_gold.payer_pmpm");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(table.properties()).containsEntry("comment", contract.description())
        .containsEntry("meshlake.owner", contract.owner());
  }

  @Test
  @Order(0)
  void consumerClassesReadTheIcebergProductThroughTheirTables() {
    long rows = (Long) scalar("SELECT count(*) FROM iceberg.claims_gold.payer_pmpm");
    List<String> counts = new ArrayList<>();
    for (String consumerClass : List.of("clinical", "analyst")) {
      List<String> args = new ArrayList<>(List.of("sql", "--as", consumerClass, "--format", "csv", "--warehouse",
          warehouse, "SELECT count(*) AS n FROM claims_gold.payer_pmpm"));
      args.addAll(environment);
      Cli.Result result = Cli.run(args.toArray(String[]::new));
      assertThat(result.status()).as(result.all()).isZero();
      counts.add(result.out().lines().reduce((a, b) -> b).orElseThrow());
    }
    assertThat(counts).containsExactly(String.valueOf(rows), String.valueOf(rows));
  }
}
