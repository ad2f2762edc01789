package io.meshlake.jobs.fhir;

import io.meshlake.fhir.view.conformance.CaseResult;
import io.meshlake.fhir.view.conformance.ConformanceReport;
import io.meshlake.fhir.view.conformance.ConformanceSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshlake fhir conformance}: runs the SQL on FHIR v2 conformance suite and writes its report. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
    description = {"Run every SQL on FHIR v2 conformance test file (*.json) in a folder with meshlake's view engine,"
        + " write the results in the suite's test report format, and print a summary with each failure."},
    footer = {"", "Example:",
        "  ./meshlake fhir conformance --tests sof/tests --report sof-report.json",
        "", "Exit status: 0 when every case passes, 1 when any fails, 2 when the folder has no test files."})
final class ConformanceCommand implements Callable<Integer> {
  @Option(names = "--tests", required = true, paramLabel = "DIR", description = "Folder of conformance test files.")
  Path tests;

  @Option(names = "--report", required = true, paramLabel = "FILE", description = "Where to write the JSON report.")
  Path report;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(tests) || ConformanceSuite.files(tests).isEmpty()) {
      System.err.println("error: " + tests + " is not a folder of conformance test files (*.json)");
      return 2;
    }
    Map<String, List<CaseResult>> results = new LinkedHashMap<>();
    int passed = 0;
    int total = 0;
    for (Path file : ConformanceSuite.files(tests)) {
      List<CaseResult> cases = ConformanceSuite.run(file);
      results.put(file.getFileName().toString(), cases);
      long filePassed = cases.stream().filter(CaseResult::passed).count();
      System.out.printf("%-28s %3d/%-3d %s%n", file.getFileName(), filePassed, cases.size(),
          filePassed == cases.size() ? "ok" : "FAILED");
      for (CaseResult failure : cases.stream().filter(c -> !c.passed()).toList()) {
        System.out.println("    FAIL " + failure.name() + ": " + failure.error());
      }
      passed += (int) filePassed;
      total += cases.size();
    }
    ConformanceReport.write(results, report);
    System.out.printf("%d/%d cases passed in %d files; report: %s%n", passed, total, results.size(), report);
    return passed == total ? 0 : 1;
  }
}
