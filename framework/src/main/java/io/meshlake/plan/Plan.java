package io.meshlake.plan;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.IngestTable;
import io.meshlake.api.ReadMode;
import io.meshlake.api.SqlTransform;
import io.meshlake.api.TableId;
import io.meshlake.api.ViewTransform;
import io.meshlake.api.WriteMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The tables a run builds, in dependency order, and the tables of other domains it reads (which must
 * already be published).
 */
public record Plan(Selection selection, List<Step> steps, List<TableId> externalInputs) {
  public Plan {
    steps = List.copyOf(steps);
    externalInputs = List.copyOf(externalInputs);
  }

  /** A readable description of the plan, as {@code meshlake plan} prints it. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("Plan for domain ").append(selection.domain()).append(": ").append(steps.size())
        .append(steps.size() == 1 ? " table" : " tables").append(", in this order\n");
    int width = steps.stream().mapToInt(s -> s.id().qualifiedName().length()).max().orElse(10);
    int n = 1;
    for (Step step : steps) {
      out.append(String.format("%3d. %-6s %-" + width + "s  %s%n", n++, step.id().layer().label(),
          step.id().qualifiedName(), how(step)));
      for (Step.Resolved input : step.inputs()) {
        boolean external = !input.table().domain().equals(selection.domain());
        out.append(String.format("     %-6s %-" + width + "s  <- %s%s%s%n", "", "", input.table().qualifiedName(),
            input.input().mode() == ReadMode.NEW_ROWS ? " (new rows only)" : "",
            external ? "  [published by domain " + input.table().domain() + "]" : ""));
      }
    }
    if (!externalInputs.isEmpty()) {
      out.append("\nReads other domains' published products (they must be built first):\n");
      for (TableId id : externalInputs) {
        out.append("  ").append(id.qualifiedName()).append("  (owned by ").append(id.domain()).append(")\n");
      }
    }
    return out.toString();
  }

  private static String how(Step step) {
    if (step.table() instanceof IngestTable ingest) {
      return "ingest " + ingest.format().describe();
    }
    DerivedTable derived = (DerivedTable) step.table();
    String transform = derived.transform() instanceof SqlTransform sql ? "sql " + sql.resource()
        : derived.transform() instanceof ViewTransform view ? "FHIR view " + view.resource() : "java transform";
    return transform + ", " + describe(derived.writeMode())
        + derived.incrementalKey().map(k -> " (only changed " + k + " values)").orElse("")
        + (derived.partitionBy().isEmpty() ? "" : ", partitioned by " + derived.partitionBy())
        + derived.contract().map(c -> ", product v" + c.version() + " owned by " + c.owner()).orElse("");
  }

  private static String describe(WriteMode mode) {
    if (mode instanceof WriteMode.Merge merge) {
      return "merge on " + String.join(", ", merge.keys());
    }
    if (mode instanceof WriteMode.Scd2 scd2) {
      return "SCD2 on " + String.join(", ", scd2.keys()) + " tracking "
          + scd2.tracked().stream().collect(Collectors.joining(", "));
    }
    if (mode instanceof WriteMode.OverwritePartitions) {
      return "overwrite affected partitions";
    }
    return mode instanceof WriteMode.Overwrite ? "overwrite" : "append";
  }
}
