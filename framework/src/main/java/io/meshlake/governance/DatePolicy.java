package io.meshlake.governance;

/** What {@link SafeHarbor} does with the dates of {@link IdentifierCategory#DATES} columns. */
public sealed interface DatePolicy {

  /** Safe Harbor proper: a date becomes its year (an integer column). */
  static DatePolicy yearOnly() {
    return new YearOnly();
  }

  /**
   * Every date of a patient moves by the same number of days, between {@code -maxDays} and
   * {@code maxDays} and never 0, so intervals per patient (length of stay, days to readmission) are
   * kept. Full dates remain, so this is <b>not</b> Safe Harbor: use it under an expert determination
   * (45 CFR 164.514(b)(1)).
   *
   * @param patientColumn the column with the patient's own identifier (e.g. the member id, before
   *     pseudonymisation), so the shift is the same in every product; a row without one has its dates
   *     removed
   * @param key the key the shift is derived from; without it the shift cannot be recomputed
   * @param maxDays largest shift in days, 1 to 3650, typically 365
   */
  static DatePolicy shiftPerPatient(String patientColumn, PseudonymKey key, int maxDays) {
    return new ShiftPerPatient(patientColumn, key, maxDays);
  }

  /** See {@link DatePolicy#yearOnly()}. */
  record YearOnly() implements DatePolicy {}

  /** See {@link DatePolicy#shiftPerPatient(String, PseudonymKey, int)}. */
  record ShiftPerPatient(String patientColumn, PseudonymKey key, int maxDays) implements DatePolicy {
    public ShiftPerPatient {
      if (maxDays < 1 || maxDays > 3650) {
        throw new IllegalArgumentException("A date shift of at most " + maxDays
            + " days is out of range; use 1 to 3650 days, e.g. 365");
      }
    }
  }
}
