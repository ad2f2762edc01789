package io.meshlake.fhir.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * The one Jackson configuration for FHIR JSON: decimals are read as {@link java.math.BigDecimal} with
 * their written scale ({@code 1.0} stays {@code 1.0}, as FHIR requires for decimal precision).
 */
public final class FhirJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private FhirJson() {}

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses UTF-8 encoded JSON; the message names what was being read. */
  public static JsonNode parse(byte[] utf8, String what) {
    try {
      return MAPPER.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot parse " + what + " as JSON: " + e.getOriginalMessage(), e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + what, e);
    }
  }

  /** Parses JSON text; the message names what was being read. */
  public static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot parse " + what + " as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
