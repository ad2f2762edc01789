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
 * suppressed aggregate's class table (one: the analyst's and researcher's views of it are the same) is a Delta
 * table derived from them, and {@code sql --as} refuses a read of the Iceberg table itself as it refuses a read of
 * a Delta table's folder.
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
    Path governed = Path.of(warehouse, "meshlake_governed");
    assertThat(Files.isDirectory(governed.resolve("analyst/claims_gold/payer_pmpm/_delta_log")))
        .as("the analyst's table of claims_gold.payer_pmpm").isTrue();
    assertThat(governed.resolve("researcher/claims_gold/payer_pmpm"))
        .as("the researcher's view of claims_gold.payer_pmpm is the analyst's: it reads that table").doesNotExist();
    for (String consumerClass : CLASSES) {
      for (String product : PRODUCTS) {
        assertThat(asClass(consumerClass, product)).as("%s view of %s", consumerClass, product).isNotEmpty();
      }
    }
  }
}
