package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.api.TableId;
import io.meshlake.config.YamlFiles;
import io.meshlake.contract.Contract;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.governance.policy.Treatment;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each shipped consumer class sees of a product, from its contract's classifications and hints. */
class ClassViewTest {
  private static final PolicySet POLICIES = PolicySet.load(Optional.empty());
  private static final TableId MEMBERS = TableId.parse("member_gold.members");
  private static final Contract PEOPLE = contract("""
      product: members
      domain: member
      owner: o@example.org
      version: 1.0.0
      description: people
      columns:
        - {name: member_id, type: string, classification: phi, identifier: member, safe_harbor: medical_record_numbers, description: id}
        - {name: first_name, type: string, classification: phi, safe_harbor: names, description: name}
        - {name: birth_date, type: date, classification: phi, safe_harbor: dates, description: born}
        - {name: ssn, type: string, classification: phi, safe_harbor: social_security_numbers, description: ssn}
        - {name: zip, type: string, classification: phi, safe_harbor: geographic_subdivisions, description: zip}
        - {name: visit_month, type: date, classification: none, safe_harbor: dates, description: month}
        - {name: race, type: string, classification: sensitive, description: race}
        - {name: note, type: string, classification: phi, description: free text}
      """);

  private static Contract contract(String yaml) {
    return YamlFiles.read("test", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), Contract.class);
  }

  private static Map<String, Treatment> treatments(ClassView view) {
    Map<String, Treatment> treatments = new java.util.LinkedHashMap<>();
    view.columns().forEach(d -> treatments.put(d.column(), d.treatment()));
    return treatments;
  }

  @Test
  void cliniciansSeeTheGoldTableItself() {
    ClassView clinical = ClassView.resolve(POLICIES, "clinical", MEMBERS, PEOPLE);

    assertThat(clinical.identity()).isTrue();
    assertThat(clinical.usesKey()).isFalse();
  }

  @Test
  void analystsGetPseudonymsMasksAndYearsAndNoNames() {
    ClassView analyst = ClassView.resolve(POLICIES, "analyst", MEMBERS, PEOPLE);

    assertThat(treatments(analyst)).containsExactly(
        Map.entry("member_id", Treatment.PSEUDONYMISE),
        Map.entry("first_name", Treatment.DROP),
        Map.entry("birth_date", Treatment.GENERALISE),
        Map.entry("ssn", Treatment.MASK),
        Map.entry("zip", Treatment.GENERALISE),
        Map.entry("visit_month", Treatment.KEEP),
        Map.entry("race", Treatment.KEEP),
        Map.entry("note", Treatment.DROP));
    assertThat(analyst.identity()).isFalse();
    assertThat(analyst.usesKey()).isTrue();
    assertThat(analyst.consentPurpose()).as("operations needs no consent").isEmpty();
    assertThat(analyst.column("ssn").orElseThrow().describe()).isEqualTo("mask (social_security_numbers)");
  }

  @Test
  void researchersNeverSeeASafeHarborCategoryInClearAndOnlyConsentingMembers() {
    ClassView researcher = ClassView.resolve(POLICIES, "researcher", MEMBERS, PEOPLE);

    assertThat(treatments(researcher)).containsExactly(
        Map.entry("member_id", Treatment.PSEUDONYMISE),
        Map.entry("first_name", Treatment.DROP),
        Map.entry("birth_date", Treatment.DEIDENTIFY),
        Map.entry("ssn", Treatment.DROP),
        Map.entry("zip", Treatment.DEIDENTIFY),
        Map.entry("visit_month", Treatment.DEIDENTIFY),
        Map.entry("race", Treatment.KEEP),
        Map.entry("note", Treatment.DROP));
    assertThat(researcher.column("visit_month").orElseThrow().describe()).isEqualTo("deidentify (Safe Harbor class, dates)");
    assertThat(researcher.column("ssn").orElseThrow().describe())
        .isEqualTo("drop (social_security_numbers: removed by Safe Harbor)");
    assertThat(researcher.consentPurpose()).contains("research");
    assertThat(researcher.personColumn()).contains("member_id");
  }

  @Test
  void anAggregateIsSuppressedForClassesThatSuppressAndNotConsentFilteredWithoutAPersonKey() {
    Contract pmpm = contract("""
        product: payer_pmpm
        domain: claims
        owner: o@example.org
        version: 1.0.0
        description: per payer and month
        columns:
          - {name: payer_id, type: string, classification: none, identifier: payer, description: payer}
          - {name: month, type: date, classification: none, description: month}
          - {name: member_months, type: bigint, classification: none, description: members}
          - {name: amount_paid, type: "decimal(38,2)", classification: sensitive, description: paid}
        aggregate: {count: member_months, rows: [payer_id], columns: [month], also_hide: [amount_paid]}
        """);
    TableId id = TableId.parse("claims_gold.payer_pmpm");

    ClassView researcher = ClassView.resolve(POLICIES, "researcher", id, pmpm);
    ClassView clinical = ClassView.resolve(POLICIES, "clinical", id, pmpm);

    assertThat(researcher.suppression()).contains(new SmallCellSuppression("member_months", java.util.List.of("payer_id"),
        java.util.List.of("month"), java.util.List.of("amount_paid"), 11));
    assertThat(researcher.consentPurpose()).isEmpty();
    assertThat(researcher.notes()).singleElement().asString().contains("no member column to filter on");
    assertThat(clinical.identity()).isTrue();
  }

  @Test
  void theDigestChangesWithThePolicyOutcomeOnly() {
    ClassView analyst = ClassView.resolve(POLICIES, "analyst", MEMBERS, PEOPLE);

    assertThat(ClassView.resolve(POLICIES, "analyst", MEMBERS, PEOPLE).digest()).isEqualTo(analyst.digest());
    assertThat(ClassView.resolve(POLICIES, "researcher", MEMBERS, PEOPLE).digest()).isNotEqualTo(analyst.digest());
  }
}
