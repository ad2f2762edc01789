package io.meshlake.governance;

import static io.meshlake.governance.IdentifierCategory.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.testing.SparkTestBase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SafeHarborTest extends SparkTestBase {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

  /** Three patients with a column for each of the 18 categories (two for dates, plus an age). */
  private static Dataset<Row> patients() {
    return spark().sql("""
        SELECT * FROM VALUES
          (1, 'Jane Q. Public', '02139-4307', DATE'1950-03-14', TIMESTAMP'2024-11-02 08:30:00', 74,
           '(617) 555-0142', '617-555-0199', 'jane@example.org', '123-45-6789', 'MRN-0048213', 'HPB99812345',
           'ACCT-771-2231', 'MA-D1234567', '1HGCM82633A004352', 'PM-SN-88213-X', 'https://jane.example.org/me',
           '192.0.2.17', X'9F2A11', X'FFD8FFE0', 'tattoo: anchor, left forearm', 'MA'),
          (2, 'Rosa Díaz', '83014', DATE'1934-07-01', TIMESTAMP'1935-01-01 00:00:00', 91,
           '+1 307 555 0110', NULL, 'rosa.diaz@example.com', '987-65-4321', 'MRN-0000007', 'HPB10000001',
           'ACCT-001-0001', 'WY-RN-55821', 'WY 12-3456', 'CGM-77A-0091', 'http://192.0.2.1/rosa',
           '2001:db8::7', X'00', X'89504E47', 'twin of patient 8812', 'WY'),
          (3, NULL, 'Cambridge', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           NULL, NULL, NULL, NULL, NULL, 'NY')
        AS t(id, name, zip, birth_date, admitted_at, age, phone, fax, email, ssn, mrn, member_number,
             account, licence, vehicle, device, url, ip, fingerprint, photo, remarks, state)
        """);
  }

  private static Map<String, IdentifierCategory> contract() {
    Map<String, IdentifierCategory> columns = new LinkedHashMap<>();
    columns.put("name", NAMES);
    columns.put("zip", GEOGRAPHIC_SUBDIVISIONS);
    columns.put("birth_date", DATES);
    columns.put("admitted_at", DATES);
    columns.put("age", DATES);
    columns.put("phone", TELEPHONE_NUMBERS);
    columns.put("fax", FAX_NUMBERS);
    columns.put("email", EMAIL_ADDRESSES);
    columns.put("ssn", SOCIAL_SECURITY_NUMBERS);
    columns.put("mrn", MEDICAL_RECORD_NUMBERS);
    columns.put("member_number", HEALTH_PLAN_BENEFICIARY_NUMBERS);
    columns.put("account", ACCOUNT_NUMBERS);
    columns.put("licence", CERTIFICATE_LICENSE_NUMBERS);
    columns.put("vehicle", VEHICLE_IDENTIFIERS);
    columns.put("device", DEVICE_IDENTIFIERS);
    columns.put("url", URLS);
    columns.put("ip", IP_ADDRESSES);
    columns.put("fingerprint", BIOMETRIC_IDENTIFIERS);
    columns.put("photo", FULL_FACE_PHOTOGRAPHS);
    columns.put("remarks", OTHER_UNIQUE_IDENTIFIERS);
    return columns;
  }

  private static List<Object> values(Dataset<Row> rows, String column) {
    return rows.orderBy("id").select(column).collectAsList().stream().map(r -> r.get(0)).toList();
  }

  @Test
  void everyOneOfThe18CategoriesIsDeidentified() {
    Map<String, IdentifierCategory> contract = contract();
    assertThat(contract.values()).containsAll(Arrays.asList(IdentifierCategory.values()));

    Dataset<Row> out = new SafeHarbor(DatePolicy.yearOnly(), AS_OF).apply(patients(), contract);

    List<Object> removed = Arrays.asList(null, null, null);
    // (A) names
    assertThat(values(out, "name")).isEqualTo(removed);
    // (B) ZIP 021 is kept; 830 holds 20,000 people or fewer; a city is removed
    assertThat(values(out, "zip")).containsExactly("021", "000", null);
    // (C) year only; a 1934 birth date (and a 1935 admission) indicate an age over 89; ages over 89 fold into 90
    assertThat(values(out, "birth_date")).containsExactly(1950, null, null);
    assertThat(values(out, "admitted_at")).containsExactly(2024, null, null);
    assertThat(values(out, "age")).containsExactly(74, 90, null);
    // (D)-(R) removed, keeping the column type
    for (String column : List.of("phone", "fax", "email", "ssn", "mrn", "member_number", "account", "licence",
        "vehicle", "device", "url", "ip", "fingerprint", "photo", "remarks")) {
      assertThat(values(out, column)).as(column).isEqualTo(removed);
    }
    assertThat(out.schema().apply("photo").dataType()).isEqualTo(patients().schema().apply("photo").dataType());
    // not an identifier: kept
    assertThat(values(out, "state")).containsExactly("MA", "WY", "NY");
    assertThat(out.columns()).isEqualTo(patients().columns());
  }

  @Test
  void aPatientsDatesShiftTogetherByAKeyedAmount() throws Exception {
    PseudonymKey key = PseudonymiserTest.newKey("k");
    Dataset<Row> stays = spark().sql("""
        SELECT * FROM VALUES
          ('p1', DATE'2024-01-10', TIMESTAMP'2024-01-20 12:00:00'),
          ('p2', DATE'2024-03-01', TIMESTAMP'2024-03-01 06:00:00')
        AS t(member_id, admitted, discharged_at)
        """);

    Dataset<Row> out = new SafeHarbor(DatePolicy.shiftPerPatient("member_id", key, 365), AS_OF)
        .apply(stays, Map.of("admitted", DATES, "discharged_at", DATES)).orderBy("member_id");

    List<Row> rows = out.collectAsList();
    for (int i = 0; i < 2; i++) {
      int days = expectedShift(key, "p" + (i + 1), 365);
      Row original = stays.orderBy("member_id").collectAsList().get(i);
      assertThat(days).isBetween(-365, 365).isNotZero();
      assertThat(rows.get(i).get(1)).isEqualTo(((LocalDate) original.get(1)).plusDays(days));
      assertThat(rows.get(i).get(2)).isEqualTo(((Instant) original.get(2)).plus(java.time.Duration.ofDays(days)));
    }
  }

  /** The shift computed by hand: first 32 bits of HMAC("date-shift:" + id) mod 730, onto -365..-1, 1..365. */
  private static int expectedShift(PseudonymKey key, String patient, int max) throws Exception {
    long bits = Long.parseLong(PseudonymiserTest.hmacHex(key, "date-shift:" + patient).substring(0, 8), 16);
    long bucket = bits % (2L * max);
    return (int) (bucket < max ? -(bucket + 1) : bucket - max + 1);
  }

  @Test
  void aDateKeptAsTextIsRefused() {
    Dataset<Row> rows = spark().sql("SELECT '2024-01-10' AS admitted");

    assertThatThrownBy(() -> new SafeHarbor(DatePolicy.yearOnly(), AS_OF).apply(rows, Map.of("admitted", DATES)))
        .hasMessage("Cannot de-identify admitted as DATES: it is string; cast it to date or timestamp "
            + "(or give an age as a number) first");
  }

  @Test
  void unknownColumnsAreNamed() {
    assertThatThrownBy(() -> new SafeHarbor(DatePolicy.yearOnly(), AS_OF)
        .apply(spark().sql("SELECT 1 AS id"), Map.of("ssn", SOCIAL_SECURITY_NUMBERS, "mrn", MEDICAL_RECORD_NUMBERS)))
        .hasMessage("Cannot de-identify [mrn, ssn]: no such column; the columns are [id]");
  }
}
