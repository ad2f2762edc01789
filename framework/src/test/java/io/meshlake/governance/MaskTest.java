package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import io.meshlake.testing.SparkTestBase;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class MaskTest extends SparkTestBase {
  private static List<String> masked(Mask mask, String... values) {
    Dataset<Row> input = spark().createDataset(Arrays.asList(values), org.apache.spark.sql.Encoders.STRING())
        .toDF("v");
    return input.select(mask.apply(col("v"))).collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void ssnKeepsItsLastFourDigits() {
    assertThat(masked(Mask.SSN_LAST_FOUR, "123-45-6789", "987654321", "12", null))
        .containsExactly("***-**-6789", "***-**-4321", "***-**-****", null);
  }

  @Test
  void phoneKeepsItsLastFourDigits() {
    assertThat(masked(Mask.PHONE_LAST_FOUR, "(555) 867-5309", "+1 555 010 0199", "n/a", null))
        .containsExactly("***-***-5309", "***-***-0199", "***-***-****", null);
  }

  @Test
  void emailKeepsTheFirstLetterAndTheDomain() {
    assertThat(masked(Mask.EMAIL, "jane.doe@example.org", "x@y.com", "not an email", null))
        .containsExactly("j***@example.org", "x***@y.com", "***", null);
  }

  @Test
  void redactionReplacesEveryValue() {
    assertThat(masked(Mask.TOKEN, "secret", null)).containsExactly("[REDACTED]", null);
    assertThat(masked(Mask.NULL, "secret", null)).containsExactly(null, null);
  }
}
