package io.meshlake.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.config.DefinitionException;
import io.meshlake.contract.Classification;
import io.meshlake.governance.ConsentModel;
import io.meshlake.governance.IdentifierKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy files of conf/governance/ as shipped, and as an environment's folder overrides them. */
class PolicySetTest {
  @TempDir
  Path folder;

  @Test
  void theShippedPoliciesDefineThreeClassesConsentAndStandards() {
    PolicySet policies = PolicySet.load(Optional.empty());

    assertThat(policies.consumerClasses().classes()).extracting(ConsumerClass::name)
        .containsExactly("clinical", "analyst", "researcher");
    assertThat(policies.consumerClasses().smallCellThreshold()).isEqualTo(11);
    ConsumerClass analyst = policies.consumerClass("analyst");
    assertThat(analyst.treatments().of(Classification.PHI))
        .containsExactly(Treatment.PSEUDONYMISE, Treatment.MASK, Treatment.GENERALISE, Treatment.DROP);
    assertThat(policies.consumerClass("researcher").safeHarbor()).isTrue();
    assertThat(policies.consumerClass("researcher").dates()).isEqualTo(DateRule.YEAR_ONLY);
    assertThat(policies.consent().model()).isEqualTo(ConsentModel.OPT_OUT);
    assertThat(policies.consent().needsConsent("research")).isTrue();
    assertThat(policies.consent().needsConsent("operations")).isFalse();
    assertThat(policies.standards().personIdentifier()).isEqualTo(new IdentifierKind("member"));
    assertThat(policies.standards().identifierLike("patient_ssn")).isPresent();
    assertThat(policies.standards().identifierLike("coverage_month")).isEmpty();
  }

  @Test
  void aFileOfTheEnvironmentsFolderWinsAndTheOthersComeFromTheBundle() throws IOException {
    Files.writeString(folder.resolve("consent.yaml"), """
        model: opt_in
        purposes:
          - {name: treatment, consent: false, description: care}
          - {name: operations, consent: false, description: operations}
          - {name: research, consent: true, description: research}
        """);

    PolicySet policies = PolicySet.load(Optional.of(folder));

    assertThat(policies.consent().model()).isEqualTo(ConsentModel.OPT_IN);
    assertThat(policies.consent().sources()).isEmpty();
    assertThat(policies.consumerClasses().classes()).hasSize(3);
  }

  @Test
  void anUnknownKeyIsRefusedWithFileLineAndTheKnownKeys() throws IOException {
    Files.writeString(folder.resolve("standards.yaml"), """
        person_identifier: member
        names: {pattern: "[a-z]+"}
        identifier_like: ["ssn"]
        """);

    assertThatThrownBy(() -> PolicySet.load(Optional.of(folder))).isInstanceOf(DefinitionException.class)
        .hasMessageContaining(folder.resolve("standards.yaml") + ":3: unknown key 'identifier_like'; known keys:")
        .hasMessageContaining("identifier_like_columns");
  }

  @Test
  void aListOfTreatmentsThatMayDecideNothingIsRefused() throws IOException {
    Files.writeString(folder.resolve("consumer-classes.yaml"), """
        classes:
          - name: analyst
            description: analysts
            purpose: operations
            treatments:
              phi: [pseudonymise, mask]
              pii: [drop]
              sensitive: [keep]
              none: [keep]
        """);

    assertThatThrownBy(() -> PolicySet.load(Optional.of(folder)))
        .hasMessageContaining(folder.resolve("consumer-classes.yaml") + ":")
        .hasMessageContaining("the treatments of phi columns [pseudonymise, mask] may apply to none of a column: end the"
            + " list with keep or drop");
  }

  @Test
  void aClassMustServeAKnownPurpose() throws IOException {
    Files.writeString(folder.resolve("consumer-classes.yaml"), """
        classes:
          - name: marketer
            description: marketing
            purpose: marketing
            treatments: {phi: [drop], pii: [drop], sensitive: [drop], none: [keep]}
        """);

    assertThatThrownBy(() -> PolicySet.load(Optional.of(folder)))
        .hasMessageContaining("consumer class marketer serves purpose 'marketing', which consent.yaml does not list;"
            + " use one of " + List.of("treatment", "payment", "operations", "research", "outreach"));
  }

  @Test
  void anUnknownClassIsRefusedNamingTheClasses() {
    assertThatThrownBy(() -> PolicySet.load(Optional.empty()).consumerClass("actuary"))
        .hasMessageContaining("No consumer class 'actuary'").hasMessageContaining("[clinical, analyst, researcher]");
  }
}
