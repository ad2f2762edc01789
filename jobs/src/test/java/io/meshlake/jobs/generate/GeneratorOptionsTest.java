package io.meshlake.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeneratorOptionsTest {

  private static final Path OUT = Path.of("target", "out");

  @Test
  void ofUsesDocumentedDefaults() {
    GeneratorOptions o = GeneratorOptions.of(10, OUT);
    assertThat(o).isEqualTo(new GeneratorOptions(10, OUT, 42L, 0.0, 0, null));
  }

  @Test
  void withersChangeOnlyTheirComponent() {
    GeneratorOptions o =
        GeneratorOptions.of(10, OUT).withSeed(7).withBadFraction(0.25).withFirstMember(100).withPart("p0002");
    assertThat(o).isEqualTo(new GeneratorOptions(10, OUT, 7L, 0.25, 100, "p0002"));
    assertThat(o.withPart(null).part()).isNull();
  }

  @Test
  void rejectsBadFractionNamingValueAndFix() {
    assertThatThrownBy(() -> GeneratorOptions.of(10, OUT).withBadFraction(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("badFraction must be in [0, 1), got 1.5: pass e.g. --bad-fraction 0.01");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.0, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsBadFractionsOutsideZeroToOne(double bad) {
    assertThatThrownBy(() -> GeneratorOptions.of(10, OUT).withBadFraction(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got " + bad);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5})
  void rejectsNonPositiveMembers(int members) {
    assertThatThrownBy(() -> GeneratorOptions.of(members, OUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("members must be > 0, got " + members)
        .hasMessageContaining("--members");
  }

  @Test
  void rejectsNegativeFirstMember() {
    assertThatThrownBy(() -> GeneratorOptions.of(10, OUT).withFirstMember(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -1")
        .hasMessageContaining("--first-member");
  }

  @Test
  void rejectsMemberRangesBeyondIntOrdinals() {
    assertThatThrownBy(() -> GeneratorOptions.of(10, OUT).withFirstMember(Integer.MAX_VALUE - 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Integer.MAX_VALUE - 5 + " + 10");
  }

  @Test
  void rejectsNullOut() {
    assertThatThrownBy(() -> GeneratorOptions.of(10, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--out");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "p 2", "a/b", "../x", "p.2", "ü"})
  void rejectsPartsThatAreNotSafeFileNameSegments(String part) {
    assertThatThrownBy(() -> GeneratorOptions.of(10, OUT).withPart(part))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + part + "\"")
        .hasMessageContaining("--part");
  }

  @ParameterizedTest
  @ValueSource(strings = {"p0002", "2024_06", "A-b_9"})
  void acceptsSafeParts(String part) {
    assertThat(GeneratorOptions.of(10, OUT).withPart(part).part()).isEqualTo(part);
  }
}
