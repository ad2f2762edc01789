package io.meshlake.jobs.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.FhirJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads FHIR resources from a file or a folder (recursively, in name order): NDJSON ({@code *.ndjson},
 * {@code *.ndjson.gz}, one resource per line) and JSON ({@code *.json}: a Bundle, whose entries'
 * resources are read, or a single resource). Other files are skipped. References are not resolved.
 */
final class FhirFiles {
  private FhirFiles() {}

  /** Hands every resource under {@code path} to {@code sink}. */
  static void read(Path path, Consumer<JsonNode> sink) throws IOException {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("Input " + path + " does not exist; give an NDJSON or Bundle JSON file, or a folder of them");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.filter(Files::isRegularFile).filter(FhirFiles::isFhirFile).sorted().toList();
    }
    for (Path file : files) {
      if (file.getFileName().toString().endsWith(".json")) {
        readJson(file, sink);
      } else {
        readNdjson(file, sink);
      }
    }
  }

  private static boolean isFhirFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".ndjson") || name.endsWith(".ndjson.gz") || name.endsWith(".json");
  }

  private static void readNdjson(Path file, Consumer<JsonNode> sink) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          sink.accept(FhirJson.parse(line, file + " line " + number));
        }
      }
    }
  }

  private static void readJson(Path file, Consumer<JsonNode> sink) throws IOException {
    JsonNode json = FhirJson.parse(Files.readString(file), file.toString());
    if ("Bundle".equals(json.path("resourceType").asText())) {
      for (JsonNode entry : json.path("entry")) {
        if (entry.has("resource")) {
          sink.accept(entry.get("resource"));
        }
      }
    } else if (json.has("resourceType")) {
      sink.accept(json);
    }
  }
}
