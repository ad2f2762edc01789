package io.meshlake.fhir.view.fhirpath;

/**
 * A FHIRPath expression cannot be compiled (bad syntax, unknown function, unknown type, undefined
 * constant) or cannot be evaluated on a resource (for example a non-boolean operand to {@code and}).
 * The message names the expression and says what to change.
 */
public final class FhirPathException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FhirPathException(String message) {
    super(message);
  }
}
