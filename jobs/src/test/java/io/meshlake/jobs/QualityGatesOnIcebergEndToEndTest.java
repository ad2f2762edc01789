package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.table.TableFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The quality gates' end-to-end test, every check of it, with every gold data product kept in Iceberg (the
 * environment's {@code formats.default: iceberg}): a failed gate leaves the Iceberg table at the same commit with
 * the same rows, and a quarantine rule's rows land in the product's Iceberg quarantine table.
 */
class QualityGatesOnIcebergEndToEndTest extends QualityGatesEndToEndTest {
  @Override
  Optional<TableFormat> productFormat() {
    return Optional.of(TableFormat.ICEBERG);
  }

  @Test
  @Order(0)
  void theGatedProductsAreIcebergTables() {
    for (String product : List.of("member_gold.enrollment", "member_gold.members", "claims_gold.member_month_costs")) {
      assertThat(spark().catalog().tableExists("iceberg." + product)).as(product).isTrue();
    }
  }

  @Test
  @Order(7)
  void theQuarantinedMemberIsInTheProductsIcebergQuarantineTable() {
    assertThat(scalar("SELECT count(*) FROM iceberg.member_gold.members_quarantine"
        + " WHERE record LIKE '%member-with-gender-x%'")).isEqualTo(1L);
  }
}
