package io.meshlake.plan;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Input;
import io.meshlake.api.Layer;
import io.meshlake.api.SqlTransform;
import io.meshlake.api.TableId;
import io.meshlake.api.TableSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks every domain's declarations together and orders their tables. It infers the dependency graph
 * from declared inputs and refuses, naming the offender: inputs no domain declares, reads that break
 * domain isolation (another domain's tables other than gold, or a higher layer of one's own), SQL
 * files reading tables they do not declare, and cycles.
 */
public final class Planner {
  private final Map<String, DomainSpec> domains;
  private final Map<TableId, Step> steps;
  private final List<TableId> order;

  private Planner(Map<String, DomainSpec> domains, Map<TableId, Step> steps, List<TableId> order) {
    this.domains = domains;
    this.steps = steps;
    this.order = order;
  }

  /**
   * Validates all domains at once.
   *
   * @throws PlanException listing every problem found
   */
  public static Planner of(Collection<DomainSpec> specs) {
    List<String> problems = new ArrayList<>();
    Map<String, DomainSpec> domains = new TreeMap<>();
    Map<TableId, TableSpec> tables = new LinkedHashMap<>();
    for (DomainSpec spec : specs) {
      if (domains.put(spec.name(), spec) != null) {
        problems.add("Two domain plug-ins are both named '" + spec.name() + "': rename one");
      }
      spec.tables().forEach(t -> tables.put(t.id(), t));
    }
    Map<TableId, Step> steps = new LinkedHashMap<>();
    for (TableSpec table : tables.values()) {
      List<Step.Resolved> inputs = new ArrayList<>();
      for (Input input : table.inputs()) {
        resolve(table, input, domains, tables, problems).ifPresent(id -> inputs.add(new Step.Resolved(input, id)));
      }
      checkViewNames(table, problems);
      checkSql(table, problems);
      steps.put(table.id(), new Step(table, inputs));
    }
    List<TableId> order = problems.isEmpty() ? topologicalOrder(steps, problems) : List.of();
    if (!problems.isEmpty()) {
      throw new PlanException(problems);
    }
    return new Planner(domains, steps, order);
  }

  /**
   * Every domain, each after the domains whose products it reads (the order a full refresh of the mesh
   * runs in). Cross-domain cycles are impossible: the table graph is acyclic.
   */
  public List<String> domainOrder() {
    List<String> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    while (ordered.size() < domains.size()) {
      for (String domain : domains.keySet()) {
        if (!placed.contains(domain) && plan(Selection.domain(domain)).externalInputs().stream()
            .allMatch(t -> placed.contains(t.domain()))) {
          ordered.add(domain);
          placed.add(domain);
        }
      }
    }
    return ordered;
  }

  /** Every table with its resolved inputs, in dependency order. */
  public List<Step> allSteps() {
    return order.stream().map(steps::get).toList();
  }

  /**
   * The tables a selection builds, in dependency order.
   *
   * @throws IllegalArgumentException naming the domain or table when it is unknown, with the known ones
   */
  public Plan plan(Selection selection) {
    DomainSpec domain = domains.get(selection.domain());
    if (domain == null) {
      throw new IllegalArgumentException("Unknown domain '" + selection.domain() + "'. Known domains: "
          + String.join(", ", domains.keySet()) + ". A domain is a module under domains/ listed in META-INF/services/io.meshlake.api.Domain");
    }
    Set<TableId> chosen = new LinkedHashSet<>();
    for (TableSpec table : domain.tables()) {
      boolean layerOk = selection.layer().map(l -> l == table.id().layer()).orElse(true);
      boolean tableOk = selection.table().map(t -> t.equals(table.id().name())).orElse(true);
      if (layerOk && tableOk) {
        chosen.add(table.id());
      }
    }
    if (selection.table().isPresent() && chosen.isEmpty()) {
      throw new IllegalArgumentException("Domain " + domain.name() + " has no table '" + selection.table().get()
          + "'" + selection.layer().map(l -> " in layer " + l.label()).orElse("") + ". Its tables: "
          + domain.tables().stream().map(t -> t.id().name()).collect(Collectors.joining(", ")));
    }
    if (selection.downstream()) {
      boolean grew = true;
      while (grew) {
        grew = false;
        for (TableSpec table : domain.tables()) {
          if (!chosen.contains(table.id())
              && steps.get(table.id()).inputs().stream().anyMatch(i -> chosen.contains(i.table()))) {
            grew |= chosen.add(table.id());
          }
        }
      }
    }
    List<Step> planned = order.stream().filter(chosen::contains).map(steps::get).toList();
    Set<TableId> external = new LinkedHashSet<>();
    planned.forEach(s -> s.inputs().stream().map(Step.Resolved::table)
        .filter(t -> !t.domain().equals(domain.name())).forEach(external::add));
    return new Plan(selection, planned, List.copyOf(external));
  }

  private static Optional<TableId> resolve(TableSpec table, Input input, Map<String, DomainSpec> domains,
      Map<TableId, TableSpec> tables, List<String> problems) {
    TableId owner = table.id();
    String ref = input.reference();
    TableId target;
    if (ref.contains(".")) {
      try {
        target = TableId.parse(ref);
      } catch (IllegalArgumentException e) {
        problems.add(owner + " reads '" + ref + "': " + e.getMessage());
        return Optional.empty();
      }
    } else {
      Optional<TableSpec> local = domains.get(owner.domain()).table(ref);
      if (local.isEmpty()) {
        problems.add(owner + " reads '" + ref + "', which domain " + owner.domain() + " does not declare. Its tables: "
            + domains.get(owner.domain()).tables().stream().map(t -> t.id().name()).collect(Collectors.joining(", "))
            + ". To read another domain's product write <domain>_gold.<product>");
        return Optional.empty();
      }
      target = local.get().id();
    }
    if (!tables.containsKey(target)) {
      problems.add(owner + " reads " + target + ", which no domain declares"
          + (domains.containsKey(target.domain()) ? "" : " (there is no domain '" + target.domain() + "')")
          + ". Check the name; known domains: " + String.join(", ", domains.keySet()));
      return Optional.empty();
    }
    if (!target.domain().equals(owner.domain())) {
      if (target.layer() != Layer.GOLD) {
        problems.add(owner + " reads " + target + ": a domain may read another domain only through its published gold"
            + " products. Read " + target.domain() + "_gold.<product> instead, or ask the " + target.domain()
            + " team to publish what you need");
        return Optional.empty();
      }
    } else if (target.layer().compareTo(owner.layer()) > 0) {
      problems.add(owner + " reads " + target + ": a table reads only its own layer or lower ones ("
          + owner.layer().label() + " cannot read " + target.layer().label() + ")");
      return Optional.empty();
    }
    if (target.equals(owner)) {
      problems.add(owner + " reads itself: remove it from its own inputs");
      return Optional.empty();
    }
    return Optional.of(target);
  }

  private static void checkViewNames(TableSpec table, List<String> problems) {
    Map<String, String> seen = new HashMap<>();
    for (Input input : table.inputs()) {
      String previous = seen.put(input.viewName(), input.reference());
      if (previous != null) {
        problems.add(table.id() + " reads two inputs both known as '" + input.viewName() + "' (" + previous + " and "
            + input.reference() + "): transforms see inputs by table name, so they must differ");
      }
    }
  }

  private static void checkSql(TableSpec table, List<String> problems) {
    if (!(table instanceof DerivedTable derived) || !(derived.transform() instanceof SqlTransform sql)) {
      return;
    }
    Set<String> declared = table.inputs().stream().map(Input::viewName).collect(Collectors.toSet());
    try {
      for (String read : SqlReferences.tablesReadBy(sql.sql())) {
        if (!declared.contains(read)) {
          problems.add(table.id() + " (" + sql.resource() + ") reads '" + read + "', which is not a declared input."
              + " Declared: " + declared.stream().sorted().collect(Collectors.joining(", "))
              + ". Refer to inputs by table name and declare each with from(...)");
        }
      }
    } catch (IllegalArgumentException e) {
      problems.add(table.id() + ": " + sql.resource() + " is not valid Spark SQL: " + e.getMessage());
    }
  }

  private static List<TableId> topologicalOrder(Map<TableId, Step> steps, List<String> problems) {
    Map<TableId, Integer> pending = new LinkedHashMap<>();
    Map<TableId, List<TableId>> dependents = new HashMap<>();
    for (Step step : steps.values()) {
      Set<TableId> distinct = step.inputs().stream().map(Step.Resolved::table).collect(Collectors.toSet());
      pending.put(step.id(), distinct.size());
      distinct.forEach(i -> dependents.computeIfAbsent(i, k -> new ArrayList<>()).add(step.id()));
    }
    Deque<TableId> ready = new ArrayDeque<>();
    pending.forEach((id, n) -> {
      if (n == 0) {
        ready.add(id);
      }
    });
    List<TableId> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      TableId id = ready.poll();
      order.add(id);
      for (TableId dependent : dependents.getOrDefault(id, List.of())) {
        if (pending.merge(dependent, -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    if (order.size() < steps.size()) {
      Set<TableId> stuck = new LinkedHashSet<>(steps.keySet());
      order.forEach(stuck::remove);
      problems.add("The inputs form a cycle: " + describeCycle(stuck, steps)
          + ". Break it by removing one of these inputs");
    }
    return order;
  }

  private static String describeCycle(Set<TableId> stuck, Map<TableId, Step> steps) {
    TableId start = stuck.iterator().next();
    List<TableId> path = new ArrayList<>();
    Set<TableId> visited = new HashSet<>();
    TableId current = start;
    while (visited.add(current)) {
      path.add(current);
      current = steps.get(current).inputs().stream().map(Step.Resolved::table).filter(stuck::contains)
          .findFirst().orElseThrow();
    }
    List<TableId> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    cycle.add(current);
    java.util.Collections.reverse(cycle);
    return cycle.stream().map(TableId::qualifiedName).collect(Collectors.joining(" -> "));
  }
}
