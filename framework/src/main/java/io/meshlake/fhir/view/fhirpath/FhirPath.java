package io.meshlake.fhir.view.fhirpath;

import java.util.List;
import java.util.Map;

/**
 * A FHIRPath expression compiled once into an expression tree and evaluated many times over FHIR JSON
 * ({@link com.fasterxml.jackson.databind.JsonNode}). Supports the SQL on FHIR subset and most of
 * FHIRPath N1: navigation with choice types, indexers, literals (not quantities), every operator,
 * and the existence, filtering, subsetting, combining, conversion, string, math, type and FHIR
 * functions (extension, getResourceKey, getReferenceKey, lowBoundary, highBoundary).
 *
 * <p>Results are collections of {@link String}, {@link Boolean}, {@link Long} (integers),
 * {@link java.math.BigDecimal} (decimals), {@link FhirTemporal} and {@code JsonNode} (elements).
 */
public final class FhirPath {
  private final String source;
  private final Expr root;

  private FhirPath(String source, Expr root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Compiles an expression; {@code %name} refers to a constant in {@code constants} (values as results hold them).
   *
   * @throws FhirPathException on a syntax error, an unknown function or type, or an undefined constant
   */
  public static FhirPath compile(String expression, Map<String, Object> constants) {
    return new FhirPath(expression, Parser.parse(expression, constants));
  }

  /** Evaluates the expression with {@code focus} as its input. */
  public List<Object> evaluate(Object focus, PathContext context) {
    return root.eval(List.of(focus), context);
  }

  /** The FHIR type the expression always returns ({@code boolean}, {@code integer}, ...), or null when unknown. */
  public String resultType() {
    return root.resultType();
  }

  /** The expression as written. */
  @Override
  public String toString() {
    return source;
  }
}
