package io.meshlake.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The NDJSON files of one FHIR extract, one per resource type, opened when their first resource comes. */
final class FhirFiles implements Closeable {
  private final Path directory;
  private final String part;
  private final Map<String, NdjsonFile> files = new LinkedHashMap<>();

  FhirFiles(Path directory, String part) {
    this.directory = directory;
    this.part = part;
  }

  /** Appends a resource of {@code resourceType} to its file, damaged when {@code damage} is set. */
  void write(String resourceType, String resource, Malformation damage) throws IOException {
    NdjsonFile file = files.get(resourceType);
    if (file == null) {
      file = new NdjsonFile(directory, resourceType, part);
      files.put(resourceType, file);
    }
    file.write(resource, damage);
  }

  /** Resources written so far, over all files. */
  long lines() {
    return files.values().stream().mapToLong(NdjsonFile::lines).sum();
  }

  /** One report per file, in the order the files were opened. */
  List<GenerationReport.FileReport> reports() {
    List<GenerationReport.FileReport> reports = new ArrayList<>();
    files.values().forEach(f -> reports.add(f.report()));
    return reports;
  }

  @Override
  public void close() throws IOException {
    MemberFiles.closeAll(files.values());
  }
}
