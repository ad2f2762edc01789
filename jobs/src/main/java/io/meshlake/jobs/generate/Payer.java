package io.meshlake.jobs.generate;

/**
 * An insurer (or Synthea's {@code NO_INSURANCE} pseudo-payer).
 *
 * @param copayCents copay the member pays on an encounter, 0 for none
 */
record Payer(
    String id,
    String name,
    String address,
    String city,
    String state,
    String zip,
    String phone,
    Kind kind,
    long copayCents) {

  /** Which coverage rules a payer follows. */
  enum Kind {
    MEDICARE,
    MEDICAID,
    DUAL_ELIGIBLE,
    COMMERCIAL,
    /** Synthea's {@code NO_INSURANCE}: claims under it carry insurance id {@code 0}. */
    NO_INSURANCE
  }

  /** @return whether claims under this payer are insured (not {@code NO_INSURANCE}) */
  boolean insures() {
    return kind != Kind.NO_INSURANCE;
  }
}
