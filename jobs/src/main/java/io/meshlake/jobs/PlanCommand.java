package io.meshlake.jobs;

import io.meshlake.api.Layer;
import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Selection;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake plan}: shows what a run would build, without starting Spark. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {
        "Show the dependency graph of a domain and what `run` would build, in order, without starting Spark.",
        "Edges to other domains' gold products are marked; the declarations of all domains are checked"
            + " (unknown inputs, isolation, SQL reading undeclared tables, cycles)."},
    footer = {"", "Examples:", "  ./meshlake plan claims", "  ./meshlake plan member --layer silver --downstream"})
final class PlanCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DOMAIN", description = "The domain, e.g. member or claims.")
  String domain;

  @Option(names = "--layer", paramLabel = "LAYER", description = "Only this layer: bronze, silver or gold.")
  String layer;

  @Option(names = "--table", paramLabel = "TABLE", description = "Only this table (its name without namespace).")
  String table;

  @Option(names = "--downstream", description = "Also everything in the domain that depends on the selection.")
  boolean downstream;

  @Override
  public Integer call() {
    Planner planner = Planner.of(Domains.discover());
    System.out.print(planner.plan(selection(domain, layer, table, downstream)).render());
    return 0;
  }

  static Selection selection(String domain, String layer, String table, boolean downstream) {
    return new Selection(domain, Optional.ofNullable(layer).map(Layer::parse), Optional.ofNullable(table), downstream);
  }
}
