package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshlake.table.TableFormat;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The catalog's end-to-end test, every check of it, with every gold data product kept in Iceberg (the
 * environment's {@code formats.default: iceberg}): {@code catalog show} and the site give the Iceberg snapshot's
 * sequence number as the table version and the location the live Iceberg catalog gives the table; plus the ODCS
 * export naming Iceberg as each product's format.
 */
class CatalogOnIcebergEndToEndTest extends CatalogEndToEndTest {
  @Override
  Optional<TableFormat> productFormat() {
    return Optional.of(TableFormat.ICEBERG);
  }

  @Test
  void theProductsAreIcebergTablesAndTheirOdcsServersSaySo() throws Exception {
    Path out = work.resolve("odcs-iceberg");
    assertThat(catalog("export", "--format", "odcs", "--out", out.toString()).status()).isZero();

    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (String product : contractsMentioning("product:")) {
      if (product.startsWith("member_gold.") || product.startsWith("claims_gold.")) { // the domains the test runs
        assertThat(spark().catalog().tableExists("iceberg." + product)).as("%s in Iceberg", product).isTrue();
      }
      JsonNode doc = yaml.readTree(out.resolve(product + ".odcs.yaml").toFile());
      assertThat(doc.at("/servers/0/format").asText()).as(product).isEqualTo("iceberg");
    }
  }
}
