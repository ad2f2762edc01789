package io.meshlake.fhir.view.fhirpath;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What an expression sees besides its input: the resource being viewed ({@code %resource}), the
 * current {@code %rowIndex}, and the index of the item an iterating function is on ({@code $index}).
 * One context is reused for every expression evaluated on a resource; not thread-safe.
 */
public final class PathContext {
  private JsonNode resource;
  private int rowIndex;
  private int index;

  /** A context for a resource, with {@code %rowIndex} 0. */
  public static PathContext of(JsonNode resource) {
    PathContext context = new PathContext();
    context.reset(resource);
    return context;
  }

  /** Moves on to another resource, with {@code %rowIndex} 0. */
  public void reset(JsonNode newResource) {
    this.resource = newResource;
    this.rowIndex = 0;
    this.index = 0;
  }

  public JsonNode resource() {
    return resource;
  }

  public int rowIndex() {
    return rowIndex;
  }

  /** Sets {@code %rowIndex} and returns the previous value (to restore when leaving a nesting level). */
  public int rowIndex(int value) {
    int previous = rowIndex;
    rowIndex = value;
    return previous;
  }

  int index() {
    return index;
  }

  int index(int value) {
    int previous = index;
    index = value;
    return previous;
  }
}
