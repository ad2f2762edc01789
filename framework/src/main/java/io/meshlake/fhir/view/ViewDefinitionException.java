package io.meshlake.fhir.view;

import java.util.List;

/**
 * A ViewDefinition is invalid (structure, FHIRPath, constants, column names, unionAll branches), or a
 * resource breaks it at run time (several values in a non-collection column, a non-boolean where).
 * Each problem names the offending element by its path in the view (e.g. {@code select[0].column[1]})
 * and says how to fix it.
 */
public final class ViewDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ViewDefinitionException(List<String> problems) {
    super(problems.size() == 1 ? problems.get(0)
        : problems.size() + " problems in the ViewDefinition:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public ViewDefinitionException(String problem) {
    this(List.of(problem));
  }

  /** Each problem, one sentence with the fix. */
  public List<String> problems() {
    return problems;
  }
}
