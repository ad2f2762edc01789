package io.meshlake.governance;

/** What a consumer class sees of one column under a {@link Grant}. */
public sealed interface ColumnTreatment {
  /** The value as it is. */
  static ColumnTreatment clear() {
    return new Clear();
  }

  /** The keyed pseudonym of the value, an identifier of {@code kind}. */
  static ColumnTreatment pseudonymise(IdentifierKind kind) {
    return new Pseudonymise(kind);
  }

  /** The value masked by {@code mask}. */
  static ColumnTreatment mask(Mask mask) {
    return new Masked(mask);
  }

  /** The value de-identified as Safe Harbor treats {@code category}. */
  static ColumnTreatment deidentify(IdentifierCategory category) {
    return new Deidentify(category);
  }

  /** Not at all: the column is left out (as is every column a grant does not name). */
  static ColumnTreatment drop() {
    return new Drop();
  }

  /** See {@link ColumnTreatment#clear()}. */
  record Clear() implements ColumnTreatment {}

  /** See {@link ColumnTreatment#pseudonymise(IdentifierKind)}. */
  record Pseudonymise(IdentifierKind kind) implements ColumnTreatment {}

  /** See {@link ColumnTreatment#mask(Mask)}. */
  record Masked(Mask mask) implements ColumnTreatment {}

  /** See {@link ColumnTreatment#deidentify(IdentifierCategory)}. */
  record Deidentify(IdentifierCategory category) implements ColumnTreatment {}

  /** See {@link ColumnTreatment#drop()}. */
  record Drop() implements ColumnTreatment {}
}
