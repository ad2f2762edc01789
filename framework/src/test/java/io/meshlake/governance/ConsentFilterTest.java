package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.testing.SparkTestBase;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ConsentFilterTest extends SparkTestBase {
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

  private static Dataset<Row> claims() {
    return spark().sql("SELECT * FROM VALUES ('m1', 1), ('m1', 2), ('m2', 3), ('m3', 4), ('m4', 5), ('m5', 6), "
        + "('m6', 7), ('m7', 8) AS t(member, claim)");
  }

  private static Dataset<Row> consents() {
    return spark().sql("""
        SELECT member_id, purpose, decision, CAST(effective_from AS DATE) effective_from,
               CAST(effective_to AS DATE) effective_to, CAST(recorded_at AS TIMESTAMP) recorded_at
        FROM VALUES
          ('m1', 'research', 'deny',   NULL, NULL, '2024-01-01 00:00:00'),
          ('m1', 'research', 'permit', NULL, NULL, '2024-06-01 00:00:00'),
          ('m2', 'research', 'permit', NULL, NULL, '2024-01-01 00:00:00'),
          ('m2', 'research', 'deny',   NULL, NULL, '2024-06-01 00:00:00'),
          ('m4', 'research', 'deny',   '2024-01-01', '2024-12-31', '2024-01-01 00:00:00'),
          ('m5', NULL,       'deny',   NULL, NULL, '2024-01-01 00:00:00'),
          ('m6', 'marketing','deny',   NULL, NULL, '2024-01-01 00:00:00'),
          ('m7', 'research', 'deny',   '2026-01-01', NULL, '2025-06-01 00:00:00')
        AS t(member_id, purpose, decision, effective_from, effective_to, recorded_at)
        """);
  }

  private static List<Integer> claimsKept(Dataset<Row> rows) {
    return rows.orderBy("claim").collectAsList().stream().map(r -> r.getInt(1)).toList();
  }

  @Test
  void underOptOutOnlyMembersWhoseLatestDecisionInEffectDeniesAreRemoved() {
    Dataset<Row> out = new ConsentFilter("research", ConsentModel.OPT_OUT, AS_OF).apply(claims(), "member", consents());

    // m1 permitted last; m2 denied last; m3 no decision; m4 deny expired; m5 denied every purpose;
    // m6 denied another purpose; m7 deny not yet in effect
    assertThat(claimsKept(out)).containsExactly(1, 2, 4, 5, 7, 8);
  }

  @Test
  void underOptInOnlyMembersWhoseLatestDecisionInEffectPermitsRemain() {
    Dataset<Row> out = new ConsentFilter("research", ConsentModel.OPT_IN, AS_OF).apply(claims(), "member", consents());

    assertThat(claimsKept(out)).containsExactly(1, 2);
  }

  @Test
  void fhirConsentsBecomeConsentRows() {
    Dataset<Row> resources = spark().createDataset(List.of(
        """
        {"resourceType": "Consent", "id": "c1", "status": "active", "dateTime": "2024-06-01T10:00:00Z",
         "patient": {"reference": "Patient/m1"},
         "provision": {"type": "deny", "period": {"start": "2024-06-01", "end": "2025-05-31T23:59:59Z"},
                       "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HRESCH"},
                                   {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HMARKT"}]}}
        """,
        """
        {"resourceType": "Consent", "status": "active", "meta": {"lastUpdated": "2024-02-03T04:05:06Z"},
         "patient": {"reference": "https://fhir.example.org/Patient/m2/_history/3"},
         "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentcategorycodes",
                                   "code": "research"}]}],
         "provision": {"type": "permit"}}
        """,
        """
        {"resourceType": "Consent", "status": "active", "dateTime": "2024-03-01",
         "patient": {"reference": "Patient/m3"}, "provision": {"type": "deny"}}
        """,
        """
        {"resourceType": "Consent", "status": "inactive", "dateTime": "2024-03-01",
         "patient": {"reference": "Patient/m4"}, "provision": {"type": "deny"}}
        """,
        """
        {"resourceType": "Consent", "status": "active", "dateTime": "2024-03-01",
         "patient": {"reference": "Patient/m5"}}
        """,
        """
        {"resourceType": "Patient", "id": "m6", "status": "active"}
        """), Encoders.STRING()).toDF("resource");

    List<String> rows = FhirConsents.toConsentRows(resources).orderBy("member_id", "purpose")
        .collectAsList().stream().map(Row::toString).toList();

    assertThat(rows).containsExactly(
        "[m1,HMARKT,deny,2024-06-01,2025-05-31,2024-06-01T10:00:00Z]",
        "[m1,HRESCH,deny,2024-06-01,2025-05-31,2024-06-01T10:00:00Z]",
        "[m2,research,permit,null,null,2024-02-03T04:05:06Z]",
        "[m3,null,deny,null,null,2024-03-01T00:00:00Z]");
  }

  @Test
  void missingConsentColumnsAreNamed() {
    Dataset<Row> consents = spark().sql("SELECT 'm1' AS member_id, 'deny' AS decision");

    assertThatThrownBy(() -> new ConsentFilter("research", ConsentModel.OPT_OUT, AS_OF)
        .apply(claims(), "member", consents))
        .hasMessage("Cannot read consents from [effective_from, effective_to, purpose, recorded_at]: no such column; "
            + "the columns are [member_id, decision]");
  }
}
