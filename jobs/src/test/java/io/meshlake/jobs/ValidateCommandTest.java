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
