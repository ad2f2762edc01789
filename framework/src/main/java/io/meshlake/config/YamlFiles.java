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
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

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
    String text;
    try {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    try {
      T value = YAML.readValue(text, type);
      if (value == null) {
        throw new DefinitionException(source, 0, "the file is empty");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      // Records are bound once all their keys are read, so Jackson's location can lie past the unknown key:
      // take the last line at or before it that holds the key.
      DefinitionException problem = problem(source, e);
      throw unknownKeyLine(text, e.getPropertyName(), problem.line())
          .map(line -> new DefinitionException(source, line, problem.detail())).orElse(problem);
    } catch (JsonProcessingException e) {
      throw problem(source, e);
    }
  }

  private static Optional<Integer> unknownKeyLine(String text, String key, int reported) {
    Pattern pattern = Pattern.compile("(^|[\\s{,-])" + Pattern.quote(key) + "\\s*:");
    String[] lines = text.split("\n", -1);
    Optional<Integer> found = Optional.empty();
    for (int i = 0; i < lines.length && (reported <= 0 || i < reported); i++) {
      if (pattern.matcher(lines[i]).find()) {
        found = Optional.of(i + 1);
      }
    }
    return found;
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
