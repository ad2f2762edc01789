package io.meshlake.jobs.airflow;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshlake airflow}: generate the domains' Airflow DAGs and operate their runs over Airflow's REST API. */
@Command(name = "airflow", mixinStandardHelpOptions = true,
    description = {
        "Orchestrate meshlake with Airflow 3: one DAG per domain, a task per table build (spark-submit of the job"
            + " jar), an Airflow Asset per gold product; a domain reading another's products runs after they are"
            + " published.",
        "The commands other than `dags` talk to Airflow's REST API (v2) as the user in the environment."},
    subcommands = {DagsCommand.class, TriggerCommand.class, StatusCommand.class, WaitCommand.class, LogsCommand.class,
        ClearCommand.class, BackfillCommand.class, PublishCommand.class, PauseCommand.class},
    footer = {"", "Environment:",
        "  " + AirflowEndpoint.URL_VARIABLE + "       Airflow's base URL, e.g. http://127.0.0.1:8080 (or --url)",
        "  " + AirflowEndpoint.USERNAME_VARIABLE + "  a user of Airflow's auth manager",
        "  " + AirflowEndpoint.PASSWORD_VARIABLE + "  its password (never printed)",
        "", "Examples:",
        "  ./meshlake airflow dags --out $AIRFLOW_HOME/dags        # deploy: one DAG file per domain",
        "  ./meshlake airflow trigger member --wait               # claims follows when member publishes",
        "  ./meshlake airflow status claims",
        "  ./meshlake airflow logs member RUN_ID patients_raw",
        "  ./meshlake airflow clear member RUN_ID --wait          # re-run the failed tables",
        "  ./meshlake airflow backfill member --from 2025-01-01 --to 2025-01-07"})
public final class AirflowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Choose a command: dags, trigger, status, wait, logs, clear,"
        + " backfill, publish or pause (./meshlake airflow --help)");
  }
}
