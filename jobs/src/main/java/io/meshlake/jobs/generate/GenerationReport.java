package io.meshlake.jobs.generate;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link SyntheaCsvGenerator#generate} run wrote.
 *
 * @param files one entry per written file, keyed by file name, in writing order
 * @param elapsed wall-clock time of the run
 */
public record GenerationReport(Map<String, FileReport> files, Duration elapsed) {

  /** Copies {@code files} (keeping its order) and rejects nulls. */
  public GenerationReport {
    Objects.requireNonNull(files, "files must not be null: pass an empty map for a run that wrote nothing");
    Objects.requireNonNull(elapsed, "elapsed must not be null: pass Duration.ZERO if it was not measured");
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /**
   * Rows and malformed rows written to one file.
   *
   * @param fileName file name within the output directory, e.g. {@code claims.p0002.csv}
   * @param rows data rows written (header excluded), malformed ones included
   * @param malformedRows rows deliberately written malformed
   * @param malformedByKind malformed rows per kind; every kind is present, values sum to {@code
   *     malformedRows}
   */
  public record FileReport(
      String fileName, long rows, long malformedRows, Map<Malformation, Long> malformedByKind) {

    /** Checks the counts are consistent and fills absent kinds with 0. */
    public FileReport {
      Objects.requireNonNull(fileName, "fileName must not be null: pass the written file's name");
      Objects.requireNonNull(
          malformedByKind, "malformedByKind must not be null: pass an empty map when nothing is malformed");
      if (rows < 0 || malformedRows < 0 || malformedRows > rows) {
        throw new IllegalArgumentException(
            "need 0 <= malformedRows <= rows, got rows="
                + rows
                + " malformedRows="
                + malformedRows
                + " for "
                + fileName
                + ": count malformed rows among the written rows");
      }
      EnumMap<Malformation, Long> complete = new EnumMap<>(Malformation.class);
      long sum = 0;
      for (Malformation kind : Malformation.values()) {
        long n = malformedByKind.getOrDefault(kind, 0L);
        complete.put(kind, n);
        sum += n;
      }
      if (sum != malformedRows) {
        throw new IllegalArgumentException(
            "malformedByKind sums to "
                + sum
                + " but malformedRows is "
                + malformedRows
                + " for "
                + fileName
                + ": count every malformed row under exactly one kind");
      }
      malformedByKind = Collections.unmodifiableMap(complete);
    }

    /**
     * @param kind a malformation kind
     * @return rows of this file malformed that way
     */
    public long malformed(Malformation kind) {
      return malformedByKind.get(kind);
    }
  }

  /** @return data rows written over all files, malformed ones included */
  public long totalRows() {
    return files.values().stream().mapToLong(FileReport::rows).sum();
  }

  /** @return malformed rows written over all files */
  public long totalMalformed() {
    return files.values().stream().mapToLong(FileReport::malformedRows).sum();
  }

  /**
   * @return a multi-line table: one line per file with rows, malformed rows and their kinds, then a
   *     total line with elapsed time and throughput
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    String format = "%-34s %12s %10s %14s %14s %14s%n";
    sb.append(String.format(Locale.ROOT, format,
        "file", "rows", "malformed", "wrong-columns", "bad-value", "empty-id"));
    for (FileReport f : files.values()) {
      sb.append(String.format(Locale.ROOT, format,
          f.fileName(),
          f.rows(),
          f.malformedRows(),
          f.malformed(Malformation.WRONG_COLUMN_COUNT),
          f.malformed(Malformation.UNPARSABLE_VALUE),
          f.malformed(Malformation.EMPTY_REQUIRED_ID)));
    }
    double seconds = elapsed.toNanos() / 1e9;
    sb.append(String.format(Locale.ROOT,
        "%-34s %12d %10d   in %.2f s (%,.0f rows/s)%n",
        "total", totalRows(), totalMalformed(), seconds,
        seconds > 0 ? totalRows() / seconds : 0.0));
    return sb.toString();
  }
}
