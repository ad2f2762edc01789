package io.meshlake.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads CSV files of a layout in parallel byte ranges. Each file's header is read on the driver first,
 * so its columns are matched to the layout by name and a file lacking a required column fails before
 * any task runs.
 */
record CsvReader(CsvLayout layout, long splitBytes) implements ExtractReader {

  @Override
  public long headerLines() {
    return 1;
  }

  @Override
  public JavaRDD<Row> read(SparkSession spark, List<SourceFile> files, String runId, Instant ingestedAt, Tally tally,
      Consumer<String> progress) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, LineParser> parsers = new HashMap<>();
    for (SourceFile file : files) {
      RowParser parser = RowParser.forHeader(layout, file.fileName(), headerOf(file, conf));
      if (!parser.absentFields().isEmpty()) {
        progress.accept(file.fileName() + " has no column(s) " + parser.absentFields() + "; they are left empty");
      }
      parsers.put(file.path(), parser);
    }
    return new ChunkParser(parsers, runId, ingestedAt, tally).read(spark, files, splitBytes);
  }

  private static String headerOf(SourceFile file, Configuration conf) {
    Path path = new Path(file.path());
    try {
      FileSystem fs = path.getFileSystem(conf);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      try (InputStream raw = fs.open(path);
          InputStream in = codec == null ? raw : codec.createInputStream(raw);
          BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String header = reader.readLine();
        if (header == null) {
          throw new MalformedExtractException(file.fileName() + " is empty: an extract file needs at least a header line");
        }
        return header.endsWith("\r") ? header.substring(0, header.length() - 1) : header;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the header of " + file.path() + ": " + e.getMessage(), e);
    }
  }
}
