package io.meshlake.jobs;

import io.meshlake.ingest.MalformedExtractException;
import io.meshlake.jobs.airflow.AirflowCommand;
import io.meshlake.jobs.bench.BenchCommand;
import io.meshlake.jobs.bench.BenchPhaseCommand;
import io.meshlake.jobs.fhir.FhirCommand;
import io.meshlake.plan.PlanException;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The meshlake command line, and the main class of the job jar under {@code spark-submit}.
 */
@Command(name = "meshlake", mixinStandardHelpOptions = true, version = "meshlake 0.1.0",
    description = {
        "A data mesh on a lakehouse for healthcare: each domain builds bronze -> silver -> gold Delta tables from"
            + " its extracts, and publishes gold data products other domains and analysts read.",
        ""},
    subcommands = {DemoCommand.class, RunCommand.class, PlanCommand.class, ValidateCommand.class, QualityCommand.class,
        CatalogCommand.class, NewDomainCommand.class, AuditCommand.class,
        FhirCommand.class, AirflowCommand.class, GenerateCommand.class, SqlCommand.class, BenchCommand.class,
        BenchPhaseCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Start with:  ./meshlake demo", "Then:        ./meshlake help run"})
public final class Meshlake {
  private Meshlake() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (for tests and embedding). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Meshlake());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // Examples and footers are written for 100 columns; at picocli's default 80 they break mid-path.
    cli.setUsageHelpWidth(100);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof PlanException || e instanceof IllegalArgumentException || e instanceof MalformedExtractException) {
        commandLine.getErr().println("error: " + e.getMessage());
        return 2;
      }
      if (e instanceof AnalysisException analysis) {
        commandLine.getErr().println("error: " + analysis.getMessage().lines().findFirst().orElse("")
            + "\nList namespaces with SHOW DATABASES and tables with SHOW TABLES IN <namespace>, e.g. claims_gold.");
        return 2;
      }
      throw e;
    });
    return cli.execute(args);
  }
}
