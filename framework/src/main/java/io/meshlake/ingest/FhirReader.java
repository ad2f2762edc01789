package io.meshlake.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads FHIR resources: NDJSON files in parallel byte ranges (a line is a resource), JSON files
 * (Bundles or single resources) one task per file. Which a file is follows from its name, so a folder
 * of Bulk Data NDJSON and a folder of Bundles need no configuration.
 */
record FhirReader(FhirResources resources, long splitBytes) implements ExtractReader {

  @Override
  public long headerLines() {
    return 0;
  }

  @Override
  public JavaRDD<Row> read(SparkSession spark, List<SourceFile> files, String runId, Instant ingestedAt, Tally tally,
      Consumer<String> progress) {
    Map<String, LineParser> ndjson = new HashMap<>();
    List<SourceFile> ndjsonFiles = new ArrayList<>();
    List<SourceFile> jsonFiles = new ArrayList<>();
    for (SourceFile file : files) {
      Optional<String> type = FhirResources.ndjsonType(file.fileName());
      if (type.isPresent()) {
        ndjson.put(file.path(), new NdjsonParser(file.fileName(), type.get()));
        ndjsonFiles.add(file);
      } else {
        jsonFiles.add(file);
      }
    }
    JavaRDD<Row> lines = ndjsonFiles.isEmpty() ? null
        : new ChunkParser(ndjson, runId, ingestedAt, tally).read(spark, ndjsonFiles, splitBytes);
    JavaRDD<Row> entries = jsonFiles.isEmpty() ? null
        : new JsonFileReader(resources.resourceTypes(), runId, ingestedAt, tally).read(spark, jsonFiles);
    return lines == null ? entries : entries == null ? lines : lines.union(entries);
  }
}
