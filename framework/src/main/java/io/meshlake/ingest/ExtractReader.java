package io.meshlake.ingest;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How the files of one {@link ExtractFormat} become bronze rows: lazily, inside Spark tasks, with the
 * format's columns followed by the {@link IngestColumns} metadata, counting every record and refusing
 * the ones that do not fit into the {@link Tally}.
 */
sealed interface ExtractReader permits CsvReader, FhirReader {

  /** The reader of a format; {@code splitBytes} bounds the byte ranges line-based files are read in. */
  static ExtractReader of(ExtractFormat format, long splitBytes) {
    if (format instanceof CsvLayout layout) {
      return new CsvReader(layout, splitBytes);
    }
    return new FhirReader((FhirResources) format, splitBytes);
  }

  /** Lines at the start of each file that are not records (a CSV header). */
  long headerLines();

  /**
   * The bronze rows of the files, parsed when the result is computed.
   *
   * @throws MalformedExtractException when a file cannot be ingested at all (checked on the driver where possible)
   */
  JavaRDD<Row> read(SparkSession spark, List<SourceFile> files, String runId, Instant ingestedAt, Tally tally,
      Consumer<String> progress);
}
