package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.table.TableFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The governance end-to-end test, every check of it, with every gold data product kept in Iceberg (the
 * environment's {@code formats.default: iceberg}): the consumer classes' views read the Iceberg products, the
 * suppressed aggregate's class tables are Delta tables derived from them, and {@code sql --as} refuses a read
 * of the Iceberg table itself as it refuses a read of a Delta table's folder.
 */
class GovernanceOnIcebergEndToEndTest extends GovernanceEndToEndTest {
  @Override
  Optional<TableFormat> productFormat() {
    return Optional.of(TableFormat.ICEBERG);
  }

  @Test
  @Order(0)
  void theProductsAreIcebergTablesReadThroughViewsAndTheSuppressedAggregatesTablesDelta() {
    ProductFormatEnvironment.assertGoldIn(TableFormat.ICEBERG, spark(), warehouse, PRODUCTS);
    for (String consumerClass : CLASSES) {
      assertThat(Files.isDirectory(Path.of(warehouse, "meshlake_governed", consumerClass, "claims_gold", "payer_pmpm",
          "_delta_log"))).as("%s table of claims_gold.payer_pmpm", consumerClass).isTrue();
      for (String product : PRODUCTS) {
        assertThat(asClass(consumerClass, product)).as("%s view of %s", consumerClass, product).isNotEmpty();
      }
    }
  }
}
