package io.meshlake.ingest;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple2;

/**
 * Parses one split (a byte range of one file) into bronze rows, lazily. Lines that do not fit go to
 * an accumulator with their reason; the split's line counts go to another, from which the driver
 * numbers the refused lines and reconciles each file. A split that is mostly malformed stops the job,
 * so a wrong file is never half-ingested.
 */
final class ChunkParser implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> {
  private static final long serialVersionUID = 1L;
  private static final int MAX_RAW_LINE = 8192;
  /** A split with more malformed lines than this, and more than half its lines, is refused. */
  private static final long REFUSE_AFTER = 1000;

  /** Line counts of one split. */
  record SplitStats(String file, long start, long lines, long good, long bad) implements java.io.Serializable {}

  /** A refused line; {@code indexInSplit} counts lines from the split's start. */
  record BadLine(String file, long start, long indexInSplit, long offset, String raw, String reason)
      implements java.io.Serializable {}

  private final Map<String, RowParser> parsers;
  private final String runId;
  private final Instant ingestedAt;
  private final CollectionAccumulator<SplitStats> stats;
  private final CollectionAccumulator<BadLine> badLines;

  ChunkParser(Map<String, RowParser> parsers, String runId, Instant ingestedAt,
      CollectionAccumulator<SplitStats> stats, CollectionAccumulator<BadLine> badLines) {
    this.parsers = parsers;
    this.runId = runId;
    this.ingestedAt = ingestedAt;
    this.stats = stats;
    this.badLines = badLines;
  }

  @Override
  public Iterator<Row> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
    FileSplit fileSplit = (FileSplit) split;
    String file = fileSplit.getPath().toString();
    RowParser parser = parsers.get(file);
    if (parser == null) {
      throw new IllegalStateException("No parser for " + file + "; known: " + parsers.keySet());
    }
    return new SplitIterator(file, fileSplit.getStart(), parser, lines);
  }

  private final class SplitIterator implements Iterator<Row> {
    private final String file;
    private final long start;
    private final RowParser parser;
    private final Iterator<Tuple2<LongWritable, Text>> lines;
    private final int width;
    private Row next;
    private long index = -1;
    private long good;
    private long bad;
    private boolean reported;

    SplitIterator(String file, long start, RowParser parser, Iterator<Tuple2<LongWritable, Text>> lines) {
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
        if (offset == 0) {
          continue; // the header, read by the driver
        }
        String text = stripCarriageReturn(line._2().toString());
        Object[] values = new Object[width + 4];
        String reason = parser.parse(text, values);
        if (reason == null) {
          good++;
          values[width] = file;
          values[width + 1] = offset;
          values[width + 2] = runId;
          values[width + 3] = ingestedAt;
          next = RowFactory.create(values);
        } else {
          refuse(offset, text, reason);
        }
      }
      if (next == null && !reported) {
        reported = true;
        stats.add(new SplitStats(file, start, index + 1, good, bad));
      }
      return next != null;
    }

    private void refuse(long offset, String text, String reason) {
      bad++;
      if (bad > REFUSE_AFTER && bad * 2 > index + 1) {
        throw new MalformedExtractException(
            file + ": " + bad + " of the first " + (index + 1) + " lines of the split at byte " + start
                + " do not fit the layout (latest: " + reason + "). Is this file the right layout? "
                + "Nothing from this table's files was committed.");
      }
      String raw = text.length() <= MAX_RAW_LINE ? text : text.substring(0, MAX_RAW_LINE);
      badLines.add(new BadLine(file, start, index, offset, raw, reason));
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
