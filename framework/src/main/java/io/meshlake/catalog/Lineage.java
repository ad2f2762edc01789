package io.meshlake.catalog;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import io.meshlake.plan.Planner;
import io.meshlake.plan.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The graph of every table of every domain and what each is computed from, as the planner resolved it.
 * Products are its gold tables; other tables are the domains' own steps towards them.
 */
public final class Lineage {
  /** One table read by another. */
  public record Edge(TableId from, TableId to) {}

  private final List<TableId> tables;
  private final Map<TableId, List<TableId>> inputs;
  private final Map<TableId, List<TableId>> readers = new HashMap<>();

  private Lineage(List<TableId> tables, Map<TableId, List<TableId>> inputs) {
    this.tables = List.copyOf(tables);
    this.inputs = inputs;
    inputs.forEach((table, from) -> from.forEach(i -> readers.computeIfAbsent(i, k -> new ArrayList<>()).add(table)));
  }

  /** The lineage of every table the planner knows. */
  public static Lineage of(Planner planner) {
    List<TableId> tables = new ArrayList<>();
    Map<TableId, List<TableId>> inputs = new HashMap<>();
    for (Step step : planner.allSteps()) {
      tables.add(step.id());
      inputs.put(step.id(), step.inputs().stream().map(Step.Resolved::table).distinct().toList());
    }
    return new Lineage(tables, inputs);
  }

  /** Every table, each after the tables it reads. */
  public List<TableId> tables() {
    return tables;
  }

  /** The tables one table reads. */
  public List<TableId> inputs(TableId table) {
    return inputs.getOrDefault(table, List.of());
  }

  /** Every read of one table by another. */
  public List<Edge> edges() {
    List<Edge> edges = new ArrayList<>();
    tables.forEach(t -> inputs.get(t).forEach(i -> edges.add(new Edge(i, t))));
    return edges;
  }

  /** The nearest products a table is computed from, through any number of non-gold tables. */
  public List<TableId> upstreamProducts(TableId table) {
    return nearestProducts(table, t -> inputs.getOrDefault(t, List.of()));
  }

  /** The nearest products computed from a table, through any number of non-gold tables. */
  public List<TableId> downstreamProducts(TableId table) {
    return nearestProducts(table, t -> readers.getOrDefault(t, List.of()));
  }

  /** The length of the longest chain of reads leading to the table (0 for tables filled by ingest). */
  public Map<TableId, Integer> depths() {
    Map<TableId, Integer> depth = new HashMap<>();
    for (TableId table : tables) {
      depth.put(table, inputs.get(table).stream().mapToInt(i -> depth.get(i) + 1).max().orElse(0));
    }
    return depth;
  }

  private static List<TableId> nearestProducts(TableId start, Function<TableId, List<TableId>> next) {
    Set<TableId> found = new LinkedHashSet<>();
    Set<TableId> seen = new LinkedHashSet<>(List.of(start));
    Deque<TableId> queue = new ArrayDeque<>(next.apply(start));
    while (!queue.isEmpty()) {
      TableId table = queue.poll();
      if (!seen.add(table)) {
        continue;
      }
      if (table.layer() == Layer.GOLD) {
        found.add(table);
      } else {
        queue.addAll(next.apply(table));
      }
    }
    return List.copyOf(found);
  }
}
