package io.meshlake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.config.DefinitionException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RuleFilesTest {
  private static RuleFile parse(String yaml) {
    return RuleFiles.parse("quality-rules/claims/costs.yaml",
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "claims", "costs");
  }

  private static final String HEAD = "domain: claims\nproduct: costs\nrules:\n";

  @Test
  void readsEveryKindWithItsLineAndDefaults() {
    RuleFile file = parse(HEAD
        + "  - name: ids\n    kind: completeness\n    column: id\n"
        + "  - name: codes\n    kind: pattern\n    column: dx\n    shape: icd10cm\n    min: 0.99\n    action: quarantine\n"
        + "  - name: fresh\n    kind: freshness\n    column: at\n    max_age: 24h\n    action: warn\n    slo: freshness\n");
    assertThat(file.rules()).extracting(Rule::name, Rule::line).containsExactly(
        org.assertj.core.groups.Tuple.tuple("ids", 4), org.assertj.core.groups.Tuple.tuple("codes", 7),
        org.assertj.core.groups.Tuple.tuple("fresh", 13));
    Rule ids = file.rules().get(0);
    assertThat(ids.action()).isEqualTo(Action.FAIL);
    assertThat(ids.level()).isEqualTo(Level.ERROR);
    assertThat(ids.check()).isEqualTo(new Check.Completeness("id", 1.0));
    assertThat(file.rules().get(1).level()).isEqualTo(Level.WARNING);
    assertThat(((Check.Pattern) file.rules().get(1).check()).regex()).isEqualTo(RuleSpec.SHAPES.get("icd10cm"));
    assertThat(file.rules().get(2).check()).isEqualTo(new Check.Freshness("at", Duration.ofHours(24)));
  }

  @Test
  void anUnknownKindNamesTheFileLineAndTheKnownKinds() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: completeness\n    column: id\n"
        + "  - name: b\n    kind: completenes\n    column: id\n"))
        .isInstanceOf(DefinitionException.class)
        .hasMessageStartingWith("quality-rules/claims/costs.yaml:7: rule b: unknown kind 'completenes'")
        .hasMessageContaining("completeness, unique, primary_key");
  }

  @Test
  void aPercentageWhereAShareBelongsSaysHowToWriteIt() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: completeness\n    column: id\n    min: 99.9\n"))
        .hasMessageContaining("costs.yaml:4")
        .hasMessageContaining("min is a share between 0 and 1, got 99.9 (write 0.999 for 99.9%)");
  }

  @Test
  void keysAKindDoesNotTakeAreRefused() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: completeness\n    column: id\n    values: [x]\n"))
        .hasMessageContaining("kind completeness does not take values; it takes column, min");
  }

  @Test
  void anUnknownKeyListsTheKnownOnes() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: completeness\n    colum: id\n"))
        .hasMessageContaining("costs.yaml:4: in the rule starting here: unknown key 'colum'").hasMessageContaining("column");
  }

  @Test
  void wholeTableKindsCannotQuarantineRows() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: row_count\n    min: 1\n    action: quarantine\n"))
        .hasMessageContaining("cannot quarantine rows; use action warn or fail");
  }

  @Test
  void aFailActionNeedsErrorLevel() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: row_count\n    min: 1\n    level: warning\n"))
        .hasMessageContaining("action fail needs level error");
  }

  @Test
  void theFileMustDescribeTheProductWhereItSits() {
    assertThatThrownBy(() -> RuleFiles.parse("x.yaml", new ByteArrayInputStream(
            "domain: claims\nproduct: other\nrules: []\n".getBytes(StandardCharsets.UTF_8)), "claims", "costs"))
        .hasMessageContaining("says domain 'claims', product 'other' but sits at quality-rules/claims/costs.yaml");
  }

  @Test
  void ruleNamesAreUnique() {
    assertThatThrownBy(() -> parse(HEAD + "  - name: a\n    kind: row_count\n    min: 1\n"
        + "  - name: a\n    kind: row_count\n    max: 5\n"))
        .hasMessageContaining("costs.yaml:7: rule name a is used twice");
  }
}
