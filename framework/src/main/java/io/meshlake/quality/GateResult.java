package io.meshlake.quality;

import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the gate decided about a candidate.
 *
 * @param outcomes one per rule, in rule order
 * @param publishable the rows to publish: the candidate without quarantined rows
 * @param quarantined rows moved out by quarantine rules: {@code rules} (array of rule names) and {@code
 *     record} (the row as JSON)
 * @param metrics Deequ's metrics of the run, stored as history once the product is published
 * @param buildPass how long the build pass took: the first query over the candidate, which computed it and, in the
 *     same scan, every metric Deequ computes by aggregation; the rest of the gate's time is its own
 */
public record GateResult(List<RuleOutcome> outcomes, Dataset<Row> publishable, Dataset<Row> quarantined,
    AnalyzerContext metrics, Duration buildPass) {
  public GateResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Whether every fail-action rule holds. */
  public boolean passed() {
    return outcomes.stream().noneMatch(RuleOutcome::blocks);
  }

  /** The outcomes that stop publication. */
  public List<RuleOutcome> failures() {
    return outcomes.stream().filter(RuleOutcome::blocks).toList();
  }
}
