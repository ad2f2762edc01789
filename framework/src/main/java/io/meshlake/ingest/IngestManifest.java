package io.meshlake.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which run ingested which file contents, attached to every bronze and quarantine commit as Delta
 * user metadata. If a run dies between committing bronze and recording the run log, the next run reads
 * the manifests of the unrecorded commits and completes the record instead of ingesting the files again.
 */
record IngestManifest(String meshlakeIngest, List<Entry> files) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One file: its identity and the version of its name. */
  record Entry(String path, String checksum, long size, long modifiedAt, int fileVersion) {}

  static IngestManifest of(String runId, List<SourceFile> files, Map<String, Integer> fileVersions) {
    return new IngestManifest(runId, files.stream()
        .map(f -> new Entry(f.path(), f.checksum(), f.size(), f.modifiedAt(), fileVersions.getOrDefault(f.path(), 1)))
        .toList());
  }

  /** The run that wrote the commit. */
  String runId() {
    return meshlakeIngest;
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The manifest in a commit's user metadata, if the commit is a meshlake ingest. */
  static Optional<IngestManifest> parse(String userMetadata) {
    if (userMetadata == null || !userMetadata.contains("meshlakeIngest")) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(userMetadata, IngestManifest.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
