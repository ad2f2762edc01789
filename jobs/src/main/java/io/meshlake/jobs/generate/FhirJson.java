package io.meshlake.jobs.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Builds one FHIR resource as compact JSON, with the few shapes resources are made of (codings,
 * references, money). One instance is reused for every resource of a writer.
 */
final class FhirJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final StringWriter text = new StringWriter(4096);
  private JsonGenerator json;

  /** Starts a resource: type, id, and meta with version 1 and the time it was last updated. */
  FhirJson begin(String resourceType, String id, long lastUpdatedSecond) {
    text.getBuffer().setLength(0);
    try {
      json = FACTORY.createGenerator(text);
      json.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return field("resourceType", resourceType).field("id", id)
        .object("meta").field("versionId", "1").field("lastUpdated", instant(lastUpdatedSecond)).end();
  }

  /** Ends the resource and returns its JSON. */
  String build() {
    end();
    try {
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  FhirJson field(String name, String value) {
    return write(() -> json.writeStringField(name, value));
  }

  FhirJson field(String name, boolean value) {
    return write(() -> json.writeBooleanField(name, value));
  }

  FhirJson field(String name, int value) {
    return write(() -> json.writeNumberField(name, value));
  }

  FhirJson field(String name, BigDecimal value) {
    return write(() -> json.writeNumberField(name, value));
  }

  FhirJson object(String name) {
    return write(() -> json.writeObjectFieldStart(name));
  }

  FhirJson array(String name) {
    return write(() -> json.writeArrayFieldStart(name));
  }

  /** Starts an object inside an array. */
  FhirJson element() {
    return write(json::writeStartObject);
  }

  FhirJson value(String value) {
    return write(() -> json.writeString(value));
  }

  /** Ends the innermost object. */
  FhirJson end() {
    return write(json::writeEndObject);
  }

  FhirJson endArray() {
    return write(json::writeEndArray);
  }

  /** {@code "name": {"coding": [{"system", "code", "display"}], "text": display}}; display may be null. */
  FhirJson concept(String name, String system, String code, String display) {
    object(name).array("coding").element().field("system", system).field("code", code);
    if (display != null) {
      field("display", display);
    }
    end().endArray();
    if (display != null) {
      field("text", display);
    }
    return end();
  }

  /** {@code "name": {"reference": "Type/id"}}. */
  FhirJson reference(String name, String type, String id) {
    return object(name).field("reference", type + "/" + id).end();
  }

  /** {@code "name": {"value": cents / 100, "currency": "USD"}}. */
  FhirJson money(String name, long cents) {
    return object(name).field("value", BigDecimal.valueOf(cents, 2)).field("currency", "USD").end();
  }

  static String instant(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond).toString();
  }

  static String date(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).toString();
  }

  private interface Step {
    void run() throws IOException;
  }

  private FhirJson write(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
