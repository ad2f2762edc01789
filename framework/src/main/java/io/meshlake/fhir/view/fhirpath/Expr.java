package io.meshlake.fhir.view.fhirpath;

import java.util.List;

/** A compiled FHIRPath expression node: from an input collection to an output collection. */
interface Expr {
  List<Object> eval(List<Object> input, PathContext context);

  /** The FHIR type this node always returns (e.g. {@code boolean}), or null when not known before evaluation. */
  default String resultType() {
    return null;
  }
}
