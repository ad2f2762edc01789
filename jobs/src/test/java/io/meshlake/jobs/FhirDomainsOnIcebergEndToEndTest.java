package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.table.TableFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The FHIR domains' end-to-end test, every check of it, with every gold data product kept in Iceberg (the
 * environment's {@code formats.default: iceberg}) while bronze and silver stay Delta: NDJSON and Bundles give the
 * same Iceberg gold, the quarantines of the gold products are Iceberg tables too, and a failed gate leaves the
 * Iceberg table at the same commit; plus what only an Iceberg product shows.
 */
class FhirDomainsOnIcebergEndToEndTest extends FhirDomainsEndToEndTest {
  @Override
  Optional<TableFormat> productFormat() {
    return Optional.of(TableFormat.ICEBERG);
  }

  @Test
  @Order(0)
  void theGoldProductsAreIcebergTablesAndSilverDelta() {
    ProductFormatEnvironment.assertGoldIn(TableFormat.ICEBERG, spark(), fromNdjson, COMPARED);
  }

  @Test
  @Order(0)
  void theRunLogRecordsTheIcebergSnapshotsSequenceNumbers() {
    for (String product : List.of("clinical_gold.patient_timeline", "provider_gold.provider_directory",
        "claims_gold.member_month_costs")) {
      Object recorded = scalar("SELECT output_version FROM meshlake_platform.run_log WHERE table_name = '" + product
          + "' AND status = 'SUCCEEDED' ORDER BY ended_at DESC LIMIT 1");
      assertThat(recorded).as(product).isEqualTo(ProductFormatEnvironment.recordedVersion(spark(), fromNdjson, product));
    }
  }

  @Test
  @Order(9)
  void theQuarantinedConditionIsInTheProductsIcebergQuarantineTables() {
    assertThat(scalar("SELECT count(*) FROM iceberg.clinical_gold.condition_cohorts_quarantine"
        + " WHERE get_json_object(record, '$.code') = 'FLU?'")).isEqualTo(1L);
    assertThat(scalar("SELECT count(*) FROM iceberg.clinical_gold.patient_timeline_quarantine"
        + " WHERE get_json_object(record, '$.event_id') = 'cond-uncoded'")).isEqualTo(1L);
  }
}
