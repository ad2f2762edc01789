package io.meshlake.plan;

import java.util.List;

/** The domains' declarations cannot be planned; lists every problem found, each with its fix. */
public final class PlanException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public PlanException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems in the pipeline declarations:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one sentence with the fix. */
  public List<String> problems() {
    return problems;
  }
}
