package io.meshlake.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The metadata columns every bronze row carries, after its layout's columns. */
public final class IngestColumns {
  /** Fully qualified path of the file the row came from. */
  public static final String SOURCE_FILE = "_source_file";
  /** Byte offset of the row's line in that file; with the file it identifies the line. */
  public static final String SOURCE_OFFSET = "_source_offset";
  /** The run that ingested the row. */
  public static final String INGEST_RUN_ID = "_ingest_run_id";
  /** When that run started. */
  public static final String INGESTED_AT = "_ingested_at";

  /** In the order a later row of the same key wins: newer ingest, then later file, then later line. */
  public static final List<String> ARRIVAL_ORDER = List.of(INGESTED_AT, SOURCE_FILE, SOURCE_OFFSET);

  private IngestColumns() {}

  /** The layout's schema followed by the metadata columns. */
  static StructType bronzeSchema(CsvLayout layout) {
    List<StructField> fields = new ArrayList<>(List.of(layout.schema().fields()));
    fields.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(SOURCE_OFFSET, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(INGEST_RUN_ID, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false));
    return DataTypes.createStructType(fields);
  }

  /** The quarantine schema: the raw line and where it came from, with the reason it was refused. */
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
