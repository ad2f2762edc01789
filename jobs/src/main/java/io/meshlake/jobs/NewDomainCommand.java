package io.meshlake.jobs;

import io.meshlake.api.DomainSpec;
import io.meshlake.plan.Domains;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshlake new-domain}: scaffolds a domain module with an example product, wired into the build. */
@Command(name = "new-domain", mixinStandardHelpOptions = true,
    description = {
        "Create a new domain module, domains/NAME/, with an example data product that runs as it is:",
        "  a CSV layout (NAME_events.csv) ingested into bronze, a Java transform to silver, a SQL gold product"
            + " member_month_events with its contract (schema, classifications, SLOs), its quality rules"
            + " (quality-rules/NAME/member_month_events.yaml), a sample extract and a test.",
        "The module is added to domains/pom.xml and to jobs/pom.xml, so the CLI and the job jars carry it. The"
            + " domain inherits the platform: ingest with quarantine, incremental builds, the run log, quality gates,"
            + " governance at publication and the catalog; it holds only its declarations."},
    footer = {"", "Example:",
        "  ./meshlake new-domain pharmacy --owner pharmacy-data-team@example.org",
        "  ./meshlake validate && ./meshlake plan pharmacy",
        "  ./meshlake run pharmacy --input domains/pharmacy/src/test/resources/pharmacy/extract",
        "  ./meshlake catalog show pharmacy_gold.member_month_events",
        "", "Then replace the example with the domain's own extracts and products (README, \"Adding a domain\")."})
final class NewDomainCommand implements Callable<Integer> {
  @Parameters(paramLabel = "NAME", description = "The domain's name in snake_case, e.g. pharmacy or home_care.")
  String name;

  @Option(names = "--owner", paramLabel = "ADDRESS",
      description = "The owning team's address for the example contract. Default: NAME-data-team@example.org.")
  String owner;

  @Option(names = "--project", defaultValue = ".", paramLabel = "DIR",
      description = "The meshlake checkout to add the domain to (default: the current folder).")
  Path project;

  @Override
  public Integer call() {
    DomainScaffold scaffold = new DomainScaffold(project);
    scaffold.checkName(name, Domains.discover().stream().map(DomainSpec::name).toList());
    List<String> written = scaffold.write(name, owner != null ? owner : name.replace('_', '-') + "-data-team@example.org");
    System.out.println("Created domain " + name + ":");
    written.forEach(file -> System.out.println("  " + file));
    System.out.println();
    System.out.println("Next:");
    System.out.println("  ./meshlake validate                    # builds the new module and checks its contract and rules");
    System.out.println("  ./meshlake run " + name + " --input domains/" + name + "/src/test/resources/" + name + "/extract");
    System.out.println("  ./meshlake catalog show " + name + "_gold.member_month_events");
    System.out.println("  mvn -pl domains/" + name + " -am test   # the domain's own test on its sample extract");
    System.out.println("Then replace the example with the domain's own layouts, tables and products, and set the"
        + " contract's owner.");
    return 0;
  }
}
