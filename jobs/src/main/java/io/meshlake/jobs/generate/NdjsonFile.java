package io.meshlake.jobs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * One FHIR Bulk Data NDJSON file ({@code <Type>.ndjson}, or {@code <Type>.<part>.ndjson}): streams
 * resource lines, damaging the ones it is told to, and counts both.
 */
final class NdjsonFile implements Closeable {
  /** Every resource line starts so, and has its meta right after its id. */
  private static final String ID_PREFIX = "\",\"id\":\"";
  private static final String LAST_UPDATED = "\"lastUpdated\":\"";

  private final String fileName;
  private final BufferedWriter out;
  private final Map<Malformation, Long> malformed = new EnumMap<>(Malformation.class);
  private long lines;

  NdjsonFile(Path directory, String resourceType, String part) throws IOException {
    this.fileName = resourceType + (part == null ? "" : "." + part) + ".ndjson";
    this.out = Files.newBufferedWriter(directory.resolve(fileName), StandardCharsets.UTF_8);
  }

  /** Writes one resource, compact JSON with {@code id} and {@code meta.lastUpdated}, damaged when {@code damage} is set. */
  void write(String resource, Malformation damage) throws IOException {
    String line = damage == null ? resource : damaged(resource, damage);
    out.write(line);
    out.write('\n');
    lines++;
    if (damage != null) {
      malformed.merge(damage, 1L, Long::sum);
    }
  }

  private static String damaged(String resource, Malformation damage) {
    return switch (damage) {
      case WRONG_COLUMN_COUNT -> resource.substring(0, resource.length() / 2);
      case UNPARSABLE_VALUE -> {
        int value = resource.indexOf(LAST_UPDATED) + LAST_UPDATED.length();
        yield resource.substring(0, value) + "yesterday" + resource.substring(resource.indexOf('"', value));
      }
      case EMPTY_REQUIRED_ID -> {
        int id = resource.indexOf(ID_PREFIX);
        int end = resource.indexOf('"', id + ID_PREFIX.length());
        yield resource.substring(0, id + 1) + resource.substring(end + 1);
      }
    };
  }

  GenerationReport.FileReport report() {
    return new GenerationReport.FileReport(fileName, lines, malformed.values().stream().mapToLong(Long::longValue).sum(),
        malformed);
  }

  long lines() {
    return lines;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
