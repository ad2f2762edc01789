package io.meshlake.jobs.fhir;

import io.meshlake.fhir.view.CompiledView;
import io.meshlake.fhir.view.ViewDefinitionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshlake fhir view}: runs one ViewDefinition over FHIR files in this JVM and prints its rows. */
@Command(name = "view", mixinStandardHelpOptions = true,
    description = {"Run a SQL on FHIR v2 ViewDefinition over FHIR files and print the rows, without Spark.",
        "Input: NDJSON (*.ndjson, *.ndjson.gz, one resource per line) or JSON (*.json: a Bundle, whose entries'"
            + " resources are read, or one resource); a file or a folder (read recursively)."},
    footer = {"", "Examples:",
        "  ./meshlake fhir view --view patients.json --input fhir/Patient.ndjson.gz",
        "  ./meshlake fhir view --view obs.json --input fhir/ --format csv > obs.csv",
        "  ./meshlake fhir view --view obs.json --input bundle.json --format ndjson --limit 5",
        "", "Exit status: 0 on success, 2 when the view is invalid or a resource breaks it (the message says which)."})
final class ViewCommand implements Callable<Integer> {
  @Option(names = "--view", required = true, paramLabel = "V.json", description = "The ViewDefinition JSON file.")
  Path view;

  @Option(names = "--input", required = true, paramLabel = "PATH", description = "An NDJSON/Bundle file or a folder of them.")
  Path input;

  @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
      description = "table (default), csv or ndjson (one JSON object per row).")
  RowPrinter.Format format;

  @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Print at most N rows (default: all).")
  long limit;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(view)) {
      System.err.println("error: view file " + view + " does not exist");
      return 2;
    }
    CompiledView compiled;
    try {
      compiled = CompiledView.compile(Files.readString(view));
    } catch (ViewDefinitionException | IllegalArgumentException e) {
      System.err.println("error: " + view + ": " + e.getMessage());
      return 2;
    }
    RowPrinter printer = new RowPrinter(format, compiled.columns(), System.out);
    long[] printed = {0};
    try {
      FhirFiles.read(input, resource -> {
        for (Object[] row : compiled.rows(resource)) {
          if (limit > 0 && printed[0] >= limit) {
            return;
          }
          printer.print(row);
          printed[0]++;
        }
      });
    } catch (ViewDefinitionException e) {
      System.err.println("error: " + view + ": " + e.getMessage());
      return 2;
    }
    printer.finish(printed[0]);
    return 0;
  }
}
