package io.meshlake.governance.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A class of consumers of gold products (e.g. clinical, analyst, researcher) and what its policy does with
 * each column: {@code consumer-classes.yaml}.
 *
 * @param name lower-case letters, digits and underscores; {@code ./meshlake sql --as <name>}
 * @param description who the consumers are and what they see
 * @param purpose why they read the products, one of {@code consent.yaml}'s purposes
 * @param treatments what each classification becomes
 * @param safeHarbor whether a column of a Safe Harbor category is never kept in clear
 * @param dates what de-identification does with dates (default {@link DateRule#YEAR_ONLY})
 * @param maxShiftDays the largest per-member date shift under {@link DateRule#SHIFT_PER_PATIENT} (default 365)
 * @param suppressSmallCells whether small counts of aggregate products are hidden
 */
public record ConsumerClass(String name, String description, String purpose, Treatments treatments, Boolean safeHarbor,
    DateRule dates, Integer maxShiftDays, Boolean suppressSmallCells) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public ConsumerClass {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid consumer class name '" + name
          + "': use lower-case letters, digits and underscores, e.g. analyst");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("consumer class " + name + " needs a description: who they are, what they see");
    }
    if (purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("consumer class " + name + " needs a purpose, one of consent.yaml's purposes");
    }
    Objects.requireNonNull(treatments, () -> "consumer class " + name + " needs treatments for phi, pii, sensitive and"
        + " none columns");
    safeHarbor = Boolean.TRUE.equals(safeHarbor);
    suppressSmallCells = Boolean.TRUE.equals(suppressSmallCells);
    dates = dates == null ? DateRule.YEAR_ONLY : dates;
    maxShiftDays = maxShiftDays == null ? 365 : maxShiftDays;
    if (maxShiftDays < 1 || maxShiftDays > 3650) {
      throw new IllegalArgumentException("consumer class " + name + ": max_shift_days " + maxShiftDays
          + " is out of range; use 1 to 3650, e.g. 365");
    }
  }
}
