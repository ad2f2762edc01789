package io.meshlake.api;

import java.util.Objects;

/**
 * A declared input of a table: a reference and how it is read. A reference is either a table name of
 * the same domain ({@code claim_lines}) or a qualified name ({@code member_gold.member_months}); in
 * transforms and SQL files the input is known by its table name alone.
 */
public record Input(String reference, ReadMode mode) {
  public Input {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(mode, "mode");
  }

  /** The name under which the transform sees this input: the part after the last dot. */
  public String viewName() {
    return reference.substring(reference.lastIndexOf('.') + 1);
  }
}
