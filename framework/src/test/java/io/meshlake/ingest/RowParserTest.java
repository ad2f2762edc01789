package io.meshlake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RowParserTest {
  private static final CsvLayout LAYOUT = CsvLayout.builder("t", "things")
      .required("Id", FieldType.STRING)
      .optional("AMOUNT", FieldType.MONEY)
      .optional("DAY", FieldType.DATE)
      .optional("AT", FieldType.TIMESTAMP)
      .optional("NOTE", FieldType.STRING)
      .build();

  @Test
  void mapsColumnsByHeaderNameInAnyOrder() {
    RowParser parser = RowParser.forHeader(LAYOUT, "things.csv", "NOTE,AT,DAY,AMOUNT,Id");
    Object[] values = new Object[5];
    assertThat(parser.parse("\"a, quoted \"\"note\"\"\",2014-10-14T04:17:47Z,2014-10-06,77.5,x1", values)).isNull();
    assertThat(values).containsExactly("x1", new BigDecimal("77.50"), LocalDate.of(2014, 10, 6),
        Instant.parse("2014-10-14T04:17:47Z"), "a, quoted \"note\"");
  }

  @Test
  void emptyOptionalValuesAreNull() {
    Object[] values = new Object[5];
    assertThat(RowParser.forHeader(LAYOUT, "f", "Id,AMOUNT,DAY,AT,NOTE").parse("x1,,,,", values)).isNull();
    assertThat(values).containsExactly("x1", null, null, null, null);
  }

  @Test
  void givesTheReasonALineDoesNotFit() {
    RowParser parser = RowParser.forHeader(LAYOUT, "f", "Id,AMOUNT,DAY,AT,NOTE");
    Object[] values = new Object[5];
    assertThat(parser.parse("x1,1.00,2014-10-06,2014-10-14T04:17:47Z", values))
        .isEqualTo("wrong column count: 4 values, the header has 5");
    assertThat(parser.parse(",1.00,,,", values)).isEqualTo("missing required value in Id");
    assertThat(parser.parse("x1,12.3.4,,,", values)).isEqualTo("unparsable value '12.3.4' in AMOUNT: expected decimal(18,2)");
    assertThat(parser.parse("x1,1.005,,,", values)).contains("unparsable value '1.005' in AMOUNT").contains("2 decimal places");
    assertThat(parser.parse("x1,,2023-13-45,,", values)).isEqualTo("unparsable value '2023-13-45' in DAY: expected date");
    assertThat(parser.parse("x1,,,not-a-time,", values)).isEqualTo("unparsable value 'not-a-time' in AT: expected timestamp");
    assertThat(parser.parse("x1,,,,\"open", values)).isEqualTo("unterminated quoted value");
    assertThat(parser.parse("", values)).isEqualTo("empty line");
  }

  @Test
  void trailingZerosBeyondTheScaleAreAccepted() {
    Object[] values = new Object[5];
    assertThat(RowParser.forHeader(LAYOUT, "f", "Id,AMOUNT,DAY,AT,NOTE").parse("x1,2.500,,,", values)).isNull();
    assertThat(values[1]).isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void aHeaderWithoutARequiredColumnIsRefusedNamingIt() {
    assertThatThrownBy(() -> RowParser.forHeader(LAYOUT, "things.csv", "AMOUNT,NOTE"))
        .isInstanceOf(MalformedExtractException.class)
        .hasMessageContaining("things.csv")
        .hasMessageContaining("[Id]");
  }

  @Test
  void absentOptionalColumnsAreReported() {
    assertThat(RowParser.forHeader(LAYOUT, "f", "\uFEFFId,AMOUNT").absentFields()).containsExactly("DAY", "AT", "NOTE");
  }

  @Test
  void layoutMatchesPartsAndGzipButNotOtherFiles() {
    CsvLayout claims = CsvLayout.builder("c", "claims").required("Id", FieldType.STRING).build();
    assertThat(claims.matches("claims.csv")).isTrue();
    assertThat(claims.matches("claims.p0002.csv")).isTrue();
    assertThat(claims.matches("claims.csv.gz")).isTrue();
    assertThat(claims.matches("claims_transactions.csv")).isFalse();
    assertThat(claims.matches("claims.txt")).isFalse();
  }
}
