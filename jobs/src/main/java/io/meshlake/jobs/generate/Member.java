package io.meshlake.jobs.generate;

/**
 * One member's sampled demographics. A single instance is refilled by {@link MemberSampler} for each
 * member, so fields are mutable and package-private; only the sampler writes them.
 */
final class Member {

  /** Insurance tendency that drives the payer of each coverage year. */
  enum InsuranceProfile {
    COMMERCIAL,
    MEDICAID,
    UNINSURED
  }

  long ordinal;
  final char[] id = new char[IdGenerator.LENGTH];

  int ageYears;
  long birthDay;
  int birthSecondOfDay;
  /** Epoch day of death, or -1 when alive at the end of the simulated period. */
  long deathDay;
  boolean female;

  String first;
  int firstNumber;
  String last;
  int lastNumber;
  /** Maiden name (married women only), or null. */
  String maiden;
  int maidenNumber;
  /** Prefix such as {@code Mr.}, or "" for children. */
  String prefix;
  /** M, S, D, W, or "" for children. */
  String marital;
  String race;
  String ethnicity;

  int ssnGroup;
  int ssnSerial;
  /** Driver's licence number, or -1. */
  long drivers;
  /** Passport number, or -1. */
  long passport;

  PlaceCatalog.Town birthplace;
  PlaceCatalog.Town town;
  int houseNumber;
  String streetName;
  String streetSuffix;
  /** Unit prefix such as {@code Apt}, or null for none. */
  String unitPrefix;
  int unitNumber;
  boolean hasZip;
  long latMicros;
  long lonMicros;

  long healthcareExpensesCents;
  long healthcareCoverageCents;

  InsuranceProfile insuranceProfile;
  /** Whether a Medicare member keeps a commercial supplement as secondary payer. */
  boolean medicareSupplement;
  /** Whether a married adult's coverage is held by the spouse. */
  boolean coveredBySpouse;
  /** Full name as a coverage owner, e.g. {@code Curt84 Schmidt332}. */
  String fullName;
  /** Names of the two guardians who may hold a child's coverage, e.g. {@code Gail741 Mosciski958}. */
  String guardianName;
  String otherGuardianName;
  /** Name of the spouse holding a married adult's coverage, or null. */
  String spouseName;
  /** Index of the member's own general practitioner among the providers. */
  int primaryCareProvider;

  /** @return birth as epoch second (birth day plus the member's time of day) */
  long birthSecond() {
    return birthDay * IsoDates.SECONDS_PER_DAY + birthSecondOfDay;
  }

  /** @return first epoch second after the member's life within the simulated period */
  long lifeEndSecond() {
    return (deathDay >= 0 ? deathDay : Timeline.END_DAY) * IsoDates.SECONDS_PER_DAY;
  }

  /** @return age in years at epoch second {@code second} */
  double ageAt(long second) {
    return (second - birthSecond()) / (365.2425 * IsoDates.SECONDS_PER_DAY);
  }
}
