package io.meshlake.jobs;

import io.meshlake.plan.Domains;
import io.meshlake.plan.Planner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code meshlake plan}: shows what a run would build, without starting Spark. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {
        "Show the dependency graph of a domain and what `run` would build, in order, without starting Spark.",
        "Edges to other domains' gold products are marked; the declarations of all domains are checked"
            + " (unknown inputs, isolation, SQL reading undeclared tables, cycles)."},
    footer = {"", "Examples:", "  ./meshlake plan claims", "  ./meshlake plan member --layer silver --downstream"})
final class PlanCommand implements Callable<Integer> {
  @Mixin
  SelectionOptions selection;

  @Override
  public Integer call() {
    Planner planner = Planner.of(Domains.discover());
    System.out.print(planner.plan(selection.selection()).render());
    return 0;
  }
}
