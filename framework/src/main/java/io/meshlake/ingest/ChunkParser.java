package io.meshlake.ingest;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Parses one split (a byte range of one line-based file) into bronze rows, lazily, with the file's
 * {@link LineParser}. Lines that do not fit go to the tally with their reason, as do the split's line
 * counts, from which the driver numbers the refused lines and reconciles each file. A split that is
 * mostly malformed stops the job, so a wrong file is never half-ingested.
 */
final class ChunkParser implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> {
  private static final long serialVersionUID = 1L;
  /** A split with more malformed lines than this, and more than half its lines, is refused. */
  private static final long REFUSE_AFTER = 1000;

  private final Map<String, LineParser> parsers;
  private final String runId;
  private final Instant ingestedAt;
  private final Tally tally;

  ChunkParser(Map<String, LineParser> parsers, String runId, Instant ingestedAt, Tally tally) {
    this.parsers = parsers;
    this.runId = runId;
    this.ingestedAt = ingestedAt;
    this.tally = tally;
  }

  /** The bronze rows of the files, read in byte ranges of at most {@code splitBytes} (a gzipped file is one range). */
  JavaRDD<Row> read(SparkSession spark, List<SourceFile> files, long splitBytes) {
    Configuration conf = new Configuration(spark.sparkContext().hadoopConfiguration());
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, splitBytes);
    String paths = String.join(",", files.stream().map(SourceFile::path).toList());
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .newAPIHadoopFile(paths, TextInputFormat.class, LongWritable.class, Text.class, conf);
    return lines.mapPartitionsWithInputSplit(this, true);
  }

  @Override
  public Iterator<Row> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
    FileSplit fileSplit = (FileSplit) split;
    String file = fileSplit.getPath().toString();
    LineParser parser = parsers.get(file);
    if (parser == null) {
      throw new IllegalStateException("No parser for " + file + "; known: " + parsers.keySet());
    }
    return new SplitIterator(file, fileSplit.getStart(), parser, lines);
  }

  private final class SplitIterator implements Iterator<Row> {
    private final String file;
    private final long start;
    private final LineParser parser;
    private final Iterator<Tuple2<LongWritable, Text>> lines;
    private final int width;
    private Row next;
    private long index = -1;
    private long good;
    private long bad;
    private boolean reported;

    SplitIterator(String file, long start, LineParser parser, Iterator<Tuple2<LongWritable, Text>> lines) {
      this.file = file;
      this.start = start;
      this.parser = parser;
      this.lines = lines;
      this.width = parser.fieldCount();
    }

    @Override
    public boolean hasNext() {
      while (next == null && lines.hasNext()) {
        Tuple2<LongWritable, Text> line = lines.next();
        index++;
        long offset = line._1().get();
        if (offset == 0 && parser.hasHeader()) {
          continue; // the header, read by the driver
        }
        String text = stripCarriageReturn(line._2().toString());
        Object[] values = new Object[width + IngestColumns.COUNT];
        String reason = parser.parse(text, values);
        if (reason == null) {
          good++;
          next = IngestColumns.row(values, width, file, offset, runId, ingestedAt);
        } else {
          refuse(offset, text, reason);
        }
      }
      if (next == null && !reported) {
        reported = true;
        tally.count(file, start, index + 1, good, bad);
      }
      return next != null;
    }

    private void refuse(long offset, String text, String reason) {
      bad++;
      if (bad > REFUSE_AFTER && bad * 2 > index + 1) {
        throw new MalformedExtractException(
            file + ": " + bad + " of the first " + (index + 1) + " lines of the split at byte " + start
                + " do not fit (latest: " + reason + "). Is this file the right format? "
                + "Nothing from this table's files was committed.");
      }
      tally.refuse(file, start, index, offset, text, reason);
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }
  }

  private static String stripCarriageReturn(String text) {
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
