package io.meshlake.jobs;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.DerivedTable;
import io.meshlake.api.TableId;
import io.meshlake.api.TableSpec;
import io.meshlake.config.DefinitionException;
import io.meshlake.contract.ContractColumn;
import io.meshlake.governance.NamingAuditor;
import io.meshlake.governance.policy.PolicySet;
import io.meshlake.plan.Planner;
import io.meshlake.quality.RuleFile;
import io.meshlake.quality.RuleFiles;
import io.meshlake.quality.RuleValidation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshlake validate}: checks every declaration, contract, rule file and policy without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {
        "Check every domain's declarations, every gold product's contract, every rule file"
            + " (quality-rules/<domain>/<product>.yaml) and the governance policies (conf/governance/) without"
            + " starting Spark, and list all findings at once:",
        "  unknown rule kinds, bad thresholds, columns missing from the contract, unreadable or unknown referenced"
            + " tables, SLOs promised but not measured, undeclared inputs, isolation breaches, cycles;",
        "  and the standards of conf/governance/standards.yaml: snake_case domain, table and column names,"
            + " domain and layer namespaces, identifier-looking columns (…_id, ssn, name, phone, email, address,"
            + " birth…) in products whose contract classifies nothing phi or pii, complete contracts (owner,"
            + " purpose, SLOs, consumers, a kind or Safe Harbor category for every phi column), known purposes,"
            + " aggregates every consumer class can suppress.",
        "Run it before committing a change to a domain, a contract, a rule file or a policy (CI runs it too)."},
    footer = {"", "Examples:", "  ./meshlake validate", "  ./meshlake validate --policies /etc/meshlake/governance", "",
        "Exit status: 0 when everything is sound, 1 when there are findings."})
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--policies", paramLabel = "DIR",
      description = "Check with the policy files of this folder (those it lacks come from conf/governance/).")
  Path policies;

  @Override
  public Integer call() {
    List<String> findings = new ArrayList<>();
    Optional<PolicySet> policySet = Optional.empty();
    try {
      policySet = Optional.of(PolicySet.load(Optional.ofNullable(policies)));
    } catch (DefinitionException e) {
      findings.add(e.getMessage());
    }
    List<DomainSpec> specs = new ArrayList<>();
    for (Domain domain : ServiceLoader.load(Domain.class)) {
      try {
        specs.add(domain.define());
      } catch (IllegalArgumentException e) {
        findings.add(e.getMessage());
      }
    }
    try {
      Planner.of(specs);
    } catch (IllegalArgumentException e) {
      findings.add(e.getMessage());
    }
    int products = 0;
    int rules = 0;
    for (DomainSpec spec : specs) {
      for (TableSpec table : spec.tables()) {
        if (table instanceof DerivedTable derived && derived.contract().isPresent()) {
          products++;
          try {
            RuleFile file = RuleFiles.load(spec.name(), table.id().name());
            rules += file.rules().size();
            findings.addAll(RuleValidation.check(file, derived.contract().get(), id -> columns(specs, id)));
          } catch (IllegalArgumentException e) {
            findings.add(e.getMessage());
          }
        }
      }
    }
    policySet.ifPresent(p -> findings.addAll(new NamingAuditor(p).audit(specs)));
    if (findings.isEmpty()) {
      System.out.printf("OK: %d domain(s), %d gold product(s) with contracts, %d rule(s), %d consumer class(es) checked%n",
          specs.size(), products, rules, policySet.orElseThrow().consumerClasses().classes().size());
      return 0;
    }
    System.out.printf("%d finding(s):%n", findings.size());
    findings.forEach(f -> System.out.println("  - " + f));
    return 1;
  }

  /** A declared table's columns: a gold product's from its contract; empty (unknown) for others. */
  private static Optional<List<String>> columns(List<DomainSpec> specs, TableId id) {
    return specs.stream().filter(s -> s.name().equals(id.domain()))
        .flatMap(s -> s.tables().stream()).filter(t -> t.id().equals(id)).findFirst()
        .map(t -> t instanceof DerivedTable d && d.contract().isPresent()
            ? d.contract().get().columns().stream().map(ContractColumn::name).toList()
            : List.of());
  }
}
