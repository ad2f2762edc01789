package io.meshlake.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NpiTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1234567893", // the CMS textbook example
        // real NPIs from the CMS Beneficiary FHIR Data (BFD) sample claims
        "1942945159", "1548226988", "1952378861", "1065725636", "2933916696", "1879134223",
        "1270120342", "1306849450", "1023011079", "1750384806"
      })
  void acceptsValidNpis(String npi) {
    assertThat(Npi.isValid(npi)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "1234567890", // wrong check digit (placeholder NPIs in the BFD samples)
        "2222222222",
        "1244444444",
        "1243567893", // adjacent digits transposed
        "2134567893",
        "1234567993", // one digit changed
        "123456789", // too short
        "12345678930", // too long
        "12345678a3", // not a digit
        " 234567893",
        "1234567893 ",
        "-234567893",
        "١٢٣٤٥٦٧٨٩٣" // Arabic-Indic digits are digits to Character.isDigit, but not ASCII
      })
  void rejectsInvalidNpis(String npi) {
    assertThat(Npi.isValid(npi)).isFalse();
  }

  @Test
  void computesTheCheckDigit() {
    assertThat(Npi.checkDigitFor("123456789")).isEqualTo("3");
    assertThat(Npi.checkDigitFor("194294515")).isEqualTo("9");
    assertThat(Npi.checkDigitFor("000000000")).isEqualTo("6");
    assertThat(Npi.checkDigitFor("999999999")).isEqualTo("5");
  }

  @Test
  void exactlyOneCheckDigitCompletesAnyNineDigits() {
    for (int i = 0; i < 20_000; i++) {
      String first9 = String.format("%09d", (i * 48_271L) % 1_000_000_000L);
      String check = Npi.checkDigitFor(first9);
      for (char d = '0'; d <= '9'; d++) {
        assertThat(Npi.isValid(first9 + d)).as(first9 + d).isEqualTo(check.charAt(0) == d);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345678", "1234567890", "12345678X", "", " 23456789"})
  void checkDigitRejectsAnythingButNineDigitsNamingTheValue(String bad) {
    assertThatThrownBy(() -> Npi.checkDigitFor(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + bad + "\"")
        .hasMessageContaining("pass the first 9 digits");
  }

  @Test
  void checkDigitRejectsNull() {
    assertThatThrownBy(() -> Npi.checkDigitFor(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got null");
  }
}
