package io.meshlake.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Reads the platform's YAML definition files (contracts, rule files, policies) into records, with
 * snake_case keys, unknown keys refused, and every problem reported as a {@link DefinitionException}
 * naming the file, the line and the fix.
 */
public final class YamlFiles {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .findAndRegisterModules();

  private YamlFiles() {}

  /** Reads a whole file as one {@code type}. */
  public static <T> T read(String source, InputStream in, Class<T> type) {
    try {
      T value = YAML.readValue(in, type);
      if (value == null) {
        throw new DefinitionException(source, 0, "the file is empty");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw problem(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
  }

  /** A streaming parser over a file, for readers that need the line of each element. */
  public static JsonParser parser(InputStream in) throws IOException {
    return YAML.createParser(in);
  }

  /** Binds the value the parser is at (an object) to {@code type}. */
  public static <T> T bind(String source, JsonParser parser, Class<T> type) {
    try {
      return YAML.readValue(parser, type);
    } catch (JsonProcessingException e) {
      throw problem(source, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
  }

  /** Turns a Jackson error into the file, line and a message a person can act on. */
  public static DefinitionException problem(String source, JsonProcessingException e) {
    int line = Optional.ofNullable(e.getLocation()).map(JsonLocation::getLineNr).orElse(0);
    String message;
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      message = e.getCause().getMessage();
    } else if (e instanceof UnrecognizedPropertyException unknown) {
      message = "unknown key '" + unknown.getPropertyName() + "'; known keys: "
          + String.join(", ", unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList());
    } else if (e instanceof JsonMappingException mapping && mapping.getCause() instanceof IllegalArgumentException cause) {
      message = cause.getMessage();
    } else {
      message = e.getOriginalMessage();
    }
    return new DefinitionException(source, line, message);
  }
}
