package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class MinimumNecessaryTest extends SparkTestBase {
  private static final PseudonymKey KEY = PseudonymiserTest.newKey("k1");

  private static MinimumNecessary minimumNecessary() {
    return new MinimumNecessary(new Pseudonymiser(KEY), new SafeHarbor(DatePolicy.yearOnly(), LocalDate.of(2025, 6, 30)));
  }

  private static Dataset<Row> enrollment() {
    return spark().sql("SELECT 'M1' AS member_id, '123-45-6789' AS ssn, DATE'1980-05-17' AS birth_date, "
        + "'MA' AS state, 'Jane Doe' AS name, 'Blue' AS payer");
  }

  @Test
  void aConsumerSeesOnlyTheGrantedColumnsTreatedAsGranted() throws Exception {
    Map<String, ColumnTreatment> columns = new LinkedHashMap<>();
    columns.put("payer", ColumnTreatment.clear());
    columns.put("member_id", ColumnTreatment.pseudonymise(IdentifierKind.MEMBER));
    columns.put("ssn", ColumnTreatment.mask(Mask.SSN_LAST_FOUR));
    columns.put("birth_date", ColumnTreatment.deidentify(IdentifierCategory.DATES));
    columns.put("name", ColumnTreatment.drop());

    Dataset<Row> view = minimumNecessary().project(enrollment(), new Grant("actuarial", columns));

    assertThat(view.columns()).containsExactly("payer", "member_id", "ssn", "birth_date");
    Row row = view.first();
    assertThat(row.getString(0)).isEqualTo("Blue");
    assertThat(row.getString(1)).isEqualTo("k1:" + PseudonymiserTest.hmacHex(KEY, "member:M1"));
    assertThat(row.getString(2)).isEqualTo("***-**-6789");
    assertThat(row.getInt(3)).isEqualTo(1980);
  }

  @Test
  void grantedColumnsTheProductLacksAreNamed() {
    Grant grant = new Grant("research", Map.of("diagnosis", ColumnTreatment.clear(), "state", ColumnTreatment.clear(),
        "zip", ColumnTreatment.deidentify(IdentifierCategory.GEOGRAPHIC_SUBDIVISIONS)));

    assertThatThrownBy(() -> minimumNecessary().project(enrollment(), grant))
        .hasMessage("Cannot grant research [diagnosis, zip]: no such column; the columns are "
            + "[member_id, ssn, birth_date, state, name, payer]");
  }
}
