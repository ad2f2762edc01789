package io.meshlake.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The metadata columns every bronze row carries, after its format's columns. A row's position is the
 * byte offset of its line (CSV, NDJSON) or the index of its entry in a JSON file (a Bundle's entries
 * from 0; a file holding a single resource is entry 0).
 */
public final class IngestColumns {
  /** Fully qualified path of the file the row came from. */
  public static final String SOURCE_FILE = "_source_file";
  /** Byte offset of the row's line in that file, or its entry index in a JSON file; with the file it identifies the record. */
  public static final String SOURCE_OFFSET = "_source_offset";
  /** The run that ingested the row. */
  public static final String INGEST_RUN_ID = "_ingest_run_id";
  /** When that run started. */
  public static final String INGESTED_AT = "_ingested_at";

  /** In the order a later row of the same key wins: newer ingest, then later file, then later line. */
  public static final List<String> ARRIVAL_ORDER = List.of(INGESTED_AT, SOURCE_FILE, SOURCE_OFFSET);

  /** The number of metadata columns. */
  static final int COUNT = 4;

  private IngestColumns() {}

  /**
   * A bronze row: the first {@code width} of {@code values} are the format's columns, the
   * {@link #COUNT} slots after them receive the metadata.
   */
  static Row row(Object[] values, int width, String file, long offset, String runId, Instant ingestedAt) {
    values[width] = file;
    values[width + 1] = offset;
    values[width + 2] = runId;
    values[width + 3] = ingestedAt;
    return RowFactory.create(values);
  }

  /** The format's schema followed by the metadata columns. */
  static StructType bronzeSchema(ExtractFormat format) {
    List<StructField> fields = new ArrayList<>(List.of(format.schema().fields()));
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SOURCE_OFFSET, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(INGEST_RUN_ID, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    return DataTypes.createStructType(fields);
  }

  /**
   * The quarantine schema: the raw record and where it came from, with the reason it was refused. For a
   * JSON file, {@code line_number} is the entry's number (its index + 1), and 0 with offset -1 when the
   * file as a whole could not be read.
   */
  static StructType quarantineSchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("raw_line", DataTypes.StringType, false),
        DataTypes.createStructField("reason", DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
        DataTypes.createStructField("line_number", DataTypes.LongType, false),
        DataTypes.createStructField(SOURCE_OFFSET, DataTypes.LongType, false),
        DataTypes.createStructField(INGEST_RUN_ID, DataTypes.StringType, false),
        DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false)));
  }
}
