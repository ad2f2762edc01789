package io.meshlake.jobs.generate;

import java.time.LocalDate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Generates a synthetic, Synthea v3 CSV-compatible claims extract: {@code patients}, {@code
 * payer_transitions}, {@code claims} and {@code claims_transactions} for the requested members, plus
 * — for a first extract ({@code firstMember == 0}) — the reference files {@code payers}, {@code
 * organizations} and {@code providers} (the latter with an extra, valid {@code NPI} column).
 *
 * <p>Output is a pure function of the options: the same options give byte-identical files. Rows are
 * streamed, so memory use does not grow with the member count. Use {@code badFraction} to seed
 * malformed rows for data-quality tests, and {@code firstMember}/{@code part} to write incremental
 * extracts with new members in new files.
 */
public final class SyntheaCsvGenerator {

  private SyntheaCsvGenerator() {}

  /**
   * Generates the extract described by {@code options}.
   *
   * @param options what to generate and where
   * @return rows and malformed rows written per file, and the elapsed time
   * @throws IOException if the output directory cannot be created or a file cannot be written
   */
  /**
   * The logical date of every generated extract: the simulated calendar ends here, so runs over
   * generated data pass it as their as-of time ({@code --as-of}).
   */
  public static LocalDate extractDate() {
    return LocalDate.ofEpochDay(Timeline.END_DAY);
  }

  public static GenerationReport generate(GeneratorOptions options) throws IOException {
    return generate(options, rowsWrittenSoFar -> {});
  }

  /**
   * Generates the extract described by {@code options}, reporting progress.
   *
   * @param options what to generate and where
   * @param rowsWrittenSoFar called with the total data rows written so far, after every 1,000
   *     members and once at the end (then with {@link GenerationReport#totalRows()})
   * @return rows and malformed rows written per file, and the elapsed time
   * @throws IOException if the output directory cannot be created or a file cannot be written
   */
  public static GenerationReport generate(GeneratorOptions options, LongConsumer rowsWrittenSoFar)
      throws IOException {
    Objects.requireNonNull(options, "options must not be null: pass e.g. GeneratorOptions.of(1000, out)");
    Objects.requireNonNull(
        rowsWrittenSoFar, "rowsWrittenSoFar must not be null: pass rows -> {} to ignore progress");
    long started = System.nanoTime();
    Path directory = options.out();
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new IOException(
          "output path "
              + directory.toAbsolutePath()
              + " exists and is not a directory: pass a directory path (it is created if missing)");
    }
    Files.createDirectories(directory);

    ReferenceData reference = ReferenceData.create(options.seed());
    RowBuffer row = new RowBuffer();
    Map<String, GenerationReport.FileReport> files = new LinkedHashMap<>();
    long rows = 0;
    if (options.firstMember() == 0) {
      for (GenerationReport.FileReport f : ReferenceFiles.write(directory, options.part(), reference, row)) {
        files.put(f.fileName(), f);
        rows += f.rows();
      }
    }
    for (GenerationReport.FileReport f :
        MemberFiles.write(options, reference, row, rows, rowsWrittenSoFar)) {
      files.put(f.fileName(), f);
    }
    return new GenerationReport(files, Duration.ofNanos(System.nanoTime() - started));
  }
}
