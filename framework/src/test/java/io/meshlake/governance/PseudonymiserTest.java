package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.testing.SparkTestBase;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PseudonymiserTest extends SparkTestBase {
  static PseudonymKey newKey(String id) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return new PseudonymKey(id, secret);
  }

  /** HMAC-SHA256 computed independently of the code under test. */
  static String hmacHex(PseudonymKey key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> column(Dataset<Row> rows, String column) {
    return rows.select(column).collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void aPseudonymIsTheKeyIdAndTheHmacOfKindAndIdentifier() throws Exception {
    PseudonymKey key = newKey("2025-01");
    Dataset<Row> members = spark().sql("SELECT * FROM VALUES ('M1', 1), ('Zoë-7', 2), (NULL, 3) AS t(member_id, n)");

    Dataset<Row> out = new Pseudonymiser(key).apply(members, "member_id", IdentifierKind.MEMBER).orderBy("n");

    assertThat(column(out, "member_id")).containsExactly(
        "2025-01:" + hmacHex(key, "member:M1"), "2025-01:" + hmacHex(key, "member:Zoë-7"), null);
  }

  @Test
  void theSameMemberHasTheSamePseudonymInEveryDomainButNotAsAProvider() throws Exception {
    Pseudonymiser pseudonymiser = new Pseudonymiser(newKey("k"));
    Dataset<Row> claims = spark().sql("SELECT 'p1' AS member_id, 10 AS amount");
    Dataset<Row> clinical = spark().sql("SELECT 'p1' AS patient_id, 'x' AS code");
    Dataset<Row> providers = spark().sql("SELECT 'p1' AS npi");

    String inClaims = column(pseudonymiser.apply(claims, "member_id", IdentifierKind.MEMBER), "member_id").get(0);
    String inClinical = column(pseudonymiser.apply(clinical, "patient_id", IdentifierKind.MEMBER), "patient_id").get(0);
    String asProvider = column(pseudonymiser.apply(providers, "npi", IdentifierKind.PROVIDER), "npi").get(0);

    assertThat(inClaims).isEqualTo(inClinical).isNotEqualTo(asProvider).doesNotContain("p1");
  }

  @Test
  void aNewKeyMakesNewPseudonymsThatNameIt() throws Exception {
    PseudonymKey old = newKey("2024");
    PseudonymKey rotated = newKey("2025");
    Dataset<Row> members = spark().sql("SELECT 42 AS member_id");

    String before = column(new Pseudonymiser(old).apply(members, "member_id", IdentifierKind.MEMBER), "member_id").get(0);
    String after = column(new Pseudonymiser(rotated).apply(members, "member_id", IdentifierKind.MEMBER), "member_id").get(0);

    assertThat(before).isEqualTo("2024:" + hmacHex(old, "member:42"));
    assertThat(after).isEqualTo("2025:" + hmacHex(rotated, "member:42"));
  }

  @Test
  void aKeyLongerThanAHashBlockIsHashedFirstAsHmacRequires() throws Exception {
    byte[] secret = new byte[100];
    new SecureRandom().nextBytes(secret);
    PseudonymKey key = new PseudonymKey("long", secret);

    String pseudonym = column(new Pseudonymiser(key).apply(spark().sql("SELECT 'M1' AS id"), "id",
        IdentifierKind.MEMBER), "id").get(0);

    assertThat(pseudonym).isEqualTo("long:" + hmacHex(key, "member:M1"));
  }

  @Test
  void theQueryPlanDoesNotRevealTheSecret() {
    PseudonymKey key = newKey("k");
    Dataset<Row> out = new Pseudonymiser(key).apply(spark().sql("SELECT 'a' AS id"), "id", IdentifierKind.MEMBER);

    String plan = out.queryExecution().toString();

    assertThat(plan).contains("hmac_sha256").doesNotContain(HexFormat.of().formatHex(key.secret()))
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(key.secret()));
  }

  @Test
  void aMissingColumnIsNamed() {
    Dataset<Row> rows = spark().sql("SELECT 1 AS id");

    assertThatThrownBy(() -> new Pseudonymiser(newKey("k")).apply(rows, "member_id", IdentifierKind.MEMBER))
        .hasMessage("Cannot pseudonymise [member_id]: no such column; the columns are [id]");
  }
}
