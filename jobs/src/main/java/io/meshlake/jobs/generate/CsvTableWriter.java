package io.meshlake.jobs.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Streams the rows of one output file (UTF-8, LF line ends) and counts rows and malformed rows. */
final class CsvTableWriter implements Closeable {

  private static final int BUFFER_CHARS = 1 << 16;

  private final SyntheaTable table;
  private final String fileName;
  private final Writer out;
  private final long[] malformedByKind = new long[Malformation.values().length];
  private long rows;

  /** Creates (or replaces) {@code table}'s file for {@code part} in {@code directory} and writes its header. */
  CsvTableWriter(Path directory, SyntheaTable table, String part) throws IOException {
    this.table = table;
    this.fileName = table.fileName(part);
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(
                Files.newOutputStream(directory.resolve(fileName)), StandardCharsets.UTF_8),
            BUFFER_CHARS);
    out.write(table.header());
    out.write('\n');
  }

  /** Writes a row as is. */
  void write(RowBuffer row) throws IOException {
    row.writeLine(out);
    rows++;
  }

  /** Writes a row after letting {@code malformer} possibly damage it. */
  void write(RowBuffer row, Malformer malformer, Rng rng) throws IOException {
    Malformation kind = malformer.apply(row, table, rng);
    if (kind != null) {
      malformedByKind[kind.ordinal()]++;
    }
    write(row);
  }

  /** @return data rows written so far */
  long rows() {
    return rows;
  }

  GenerationReport.FileReport report() {
    Map<Malformation, Long> byKind = new EnumMap<>(Malformation.class);
    long malformed = 0;
    for (Malformation kind : Malformation.values()) {
      byKind.put(kind, malformedByKind[kind.ordinal()]);
      malformed += malformedByKind[kind.ordinal()];
    }
    return new GenerationReport.FileReport(fileName, rows, malformed, byKind);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
