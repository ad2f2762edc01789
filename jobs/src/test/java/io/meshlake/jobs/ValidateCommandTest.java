package io.meshlake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate} on the real domains, contracts and rule files, and on rule files broken on purpose. */
class ValidateCommandTest {
  @TempDir
  Path overrides;

  private static String validate(int expectedStatus) {
    Cli.Result result = Cli.run("validate");
    assertThat(result.status()).as(result.all()).isEqualTo(expectedStatus);
    return result.out();
  }

  /** Runs validate with {@code overrides} ahead of the classpath, so its rule files replace the shipped ones. */
  private String validateWithOverrides(int expectedStatus) throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {overrides.toUri().toURL()}, original)) {
      thread.setContextClassLoader(new ClassLoader(original) {
        @Override
        public URL getResource(String name) {
          URL own = loader.findResource(name);
          return own != null ? own : super.getResource(name);
        }
      });
      return validate(expectedStatus);
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  private void override(String path, String content) throws IOException {
    Path file = overrides.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  @Test
  void theShippedDeclarationsContractsAndRulesAreSound() {
    assertThat(validate(0)).startsWith("OK: 4 domain(s), 9 gold product(s) with contracts");
  }

  @Test
  void namingAndContractStandardsAreCheckedWithEveryFindingListed() throws IOException {
    override("meshlake/claims/contracts/payer_pmpm.yaml", """
        product: payer_pmpm
        domain: claims
        owner: claims-data-team@meshlake.example
        version: 1.0.0
        description: Per payer and month
        primary_key: [payer_id, month]
        columns:
          - {name: payer_id, type: string, nullable: false, classification: none, identifier: payer, description: payer}
          - {name: month, type: date, nullable: false, classification: none, description: month}
          - {name: member_months, type: bigint, nullable: false, classification: none, description: members}
          - {name: amount_paid, type: "decimal(38,2)", nullable: false, classification: sensitive, description: paid}
          - {name: paid_pmpm, type: "decimal(18,2)", classification: sensitive, description: per member}
          - {name: topMemberSsn, type: string, classification: none, description: the costliest member's SSN}
          - {name: member_id, type: string, classification: none, description: the costliest member}
        slos:
          - {kind: validity, objective: "No negative member months or payments"}
        consumers: [finance]
        """);
    override("meshlake/member/contracts/member_months.yaml", """
        product: member_months
        domain: member
        owner: member-data-team@meshlake.example
        version: 1.0.0
        purpose: marketing
        description: Member months
        primary_key: [member_id, coverage_month, payer_id]
        columns:
          - {name: member_id, type: string, nullable: false, classification: phi, description: member}
          - {name: coverage_month, type: date, nullable: false, classification: none, description: month}
          - {name: payer_id, type: string, nullable: false, classification: none, identifier: payer, description: payer}
        slos:
          - {kind: completeness, objective: "Every member month has a member, a month and a payer"}
        consumers: [claims]
        """);

    String out = validateWithOverrides(1);

    String pmpm = "meshlake/claims/contracts/payer_pmpm.yaml";
    assertThat(out).contains(pmpm + ":1: the contract has no purpose, which standards.yaml requires: add purpose: one of"
            + " [treatment, payment, operations, research, outreach]")
        .contains(pmpm + ":13: column topMemberSsn does not follow the naming pattern")
        .contains("rename it, e.g. top_member_ssn")
        .contains(pmpm + ":13: column topMemberSsn looks like an identifier (matches ssn) but payer_pmpm classifies no"
            + " column phi or pii")
        .contains(pmpm + ":14: column member_id looks like an identifier (matches (^|_)id$)")
        .doesNotContain("column payer_id looks like an identifier")
        .contains("meshlake/member/contracts/member_months.yaml:5: purpose marketing is not one of consent.yaml's"
            + " purposes")
        .contains("meshlake/member/contracts/member_months.yaml:9: column member_id is phi but names neither an"
            + " identifier kind nor a Safe Harbor category");
  }

  @Test
  void aBrokenPolicyFileIsAFindingWithFileAndLine() throws IOException {
    Path policies = Files.createDirectories(overrides.resolve("policies"));
    Files.writeString(policies.resolve("consent.yaml"), """
        model: opt_out
        purposes:
          - {name: research, consent: true, description: research}
        source: []
        """);

    Cli.Result result = Cli.run("validate", "--policies", policies.toString());

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.out()).contains(policies.resolve("consent.yaml") + ":4: unknown key 'source'; known keys: model,"
        + " purposes, sources");
  }

  @Test
  void listsEveryFindingWithFileLineAndFix() throws IOException {
    override("quality-rules/claims/payer_pmpm.yaml", """
        domain: claims
        product: payer_pmpm
        rules:
          - name: months_known
            kind: completeness
            column: member_monthz
          - name: paid_fresh
            kind: freshness
            column: month
            max_age: 24h
            slo: freshness
        """);
    override("quality-rules/member/enrollment.yaml", """
        domain: member
        product: enrollment
        rules:
          - name: ownership_known
            kind: value_set
            column: ownership
            values: [Self]
            min: 95
        """);

    String out = validateWithOverrides(1);

    assertThat(out).contains("quality-rules/claims/payer_pmpm.yaml:4: rule months_known: column member_monthz is not in"
            + " the contract of payer_pmpm; use one of payer_id, month, member_months, amount_paid, paid_pmpm")
        .contains("quality-rules/claims/payer_pmpm.yaml:7: rule paid_fresh: measures the freshness SLO, which the"
            + " contract does not promise")
        .contains("quality-rules/member/enrollment.yaml:4: rule ownership_known: min is a share between 0 and 1,"
            + " got 95.0 (write 0.95 for 95.0%)");
  }
}
