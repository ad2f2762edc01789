package io.meshlake.jobs.generate;

/** Samples a member's demographics, identity documents, address and insurance tendencies. */
final class MemberSampler {

  private static final String[] RACES = {"white", "black", "asian", "native", "hawaiian", "other"};
  private static final double[] RACE_WEIGHTS = {0.76, 0.09, 0.07, 0.02, 0.01, 0.05};
  private static final String[] MARITAL = {"M", "S", "D", "W"};
  private static final double[] MARITAL_WEIGHTS = {0.50, 0.35, 0.10, 0.05};

  private final IdGenerator patientIds;
  private final ReferenceData reference;

  MemberSampler(IdGenerator patientIds, ReferenceData reference) {
    this.patientIds = patientIds;
    this.reference = reference;
  }

  /** Refills {@code m} with member {@code ordinal}, drawing from {@code rng}. */
  void sample(Member m, long ordinal, Rng rng) {
    m.ordinal = ordinal;
    patientIds.write(ordinal, 0, m.id, 0);

    m.ageYears = Distributions.ageYears(rng);
    m.birthDay =
        Timeline.END_DAY - 1 - (long) (m.ageYears * 365.2425) - rng.nextInt(365);
    m.birthSecondOfDay = rng.nextInt((int) IsoDates.SECONDS_PER_DAY);
    long earliestDeath = Math.max(m.birthDay + 1, Timeline.DEATHS_START_DAY);
    m.deathDay =
        Distributions.deceased(rng, m.ageYears) && earliestDeath < Timeline.END_DAY
            ? rng.nextLong(earliestDeath, Timeline.END_DAY)
            : -1;
    m.female = rng.chance(0.5);
    boolean adult = m.ageYears >= 18;

    String[] firstNames = m.female ? NameCatalog.FEMALE_FIRST : NameCatalog.MALE_FIRST;
    m.first = firstNames[rng.nextInt(firstNames.length)];
    m.firstNumber = nameNumber(rng);
    m.last = lastName(rng);
    m.lastNumber = nameNumber(rng);
    m.fullName = m.first + m.firstNumber + " " + m.last + m.lastNumber;
    m.marital = adult ? MARITAL[Distributions.weightedIndex(rng, MARITAL_WEIGHTS)] : "";
    boolean married = m.marital.equals("M");
    boolean maidenName = m.female && married && rng.chance(0.7);
    m.maiden = maidenName ? lastName(rng) : null;
    m.maidenNumber = maidenName ? nameNumber(rng) : 0;
    m.prefix = !adult ? "" : !m.female ? "Mr." : married ? "Mrs." : "Ms.";
    m.race = RACES[Distributions.weightedIndex(rng, RACE_WEIGHTS)];
    m.ethnicity = rng.chance(0.11) ? "hispanic" : "nonhispanic";

    m.ssnGroup = rng.nextInt(100);
    m.ssnSerial = rng.nextInt(10_000);
    m.drivers = m.ageYears >= 16 && rng.chance(0.8) ? 99_900_000L + rng.nextInt(100_000) : -1;
    m.passport = adult && rng.chance(0.6) ? 10_000_000L + rng.nextInt(90_000_000) : -1;

    m.birthplace = town(rng);
    m.town = rng.chance(0.3) ? m.birthplace : town(rng);
    m.houseNumber = 1 + rng.nextInt(999);
    m.streetName = NameCatalog.STREET_NAMES[rng.nextInt(NameCatalog.STREET_NAMES.length)];
    m.streetSuffix = NameCatalog.STREET_SUFFIXES[rng.nextInt(NameCatalog.STREET_SUFFIXES.length)];
    m.unitPrefix =
        rng.chance(0.3) ? NameCatalog.UNIT_PREFIXES[rng.nextInt(NameCatalog.UNIT_PREFIXES.length)] : null;
    m.unitNumber = 1 + rng.nextInt(99);
    m.hasZip = rng.chance(0.7);
    m.latMicros = m.town.latMicros() + rng.nextInt(60_001) - 30_000;
    m.lonMicros = m.town.lonMicros() + rng.nextInt(60_001) - 30_000;

    long expensesPerYear = Distributions.priceCents(rng, 4_000_00) * 2;
    m.healthcareExpensesCents = expensesPerYear * Math.max(1, m.ageYears);
    m.healthcareCoverageCents = (long) (m.healthcareExpensesCents * 0.4 * rng.nextDouble());

    double u = rng.nextDouble();
    m.insuranceProfile =
        u < 0.15
            ? Member.InsuranceProfile.MEDICAID
            : u < 0.21 ? Member.InsuranceProfile.UNINSURED : Member.InsuranceProfile.COMMERCIAL;
    m.medicareSupplement = rng.chance(0.25);
    m.coveredBySpouse = married && rng.chance(0.3);
    m.guardianName =
        NameCatalog.FEMALE_FIRST[rng.nextInt(NameCatalog.FEMALE_FIRST.length)]
            + nameNumber(rng) + " " + m.last + m.lastNumber;
    m.otherGuardianName =
        NameCatalog.MALE_FIRST[rng.nextInt(NameCatalog.MALE_FIRST.length)]
            + nameNumber(rng) + " " + m.last + m.lastNumber;
    String[] spouseFirstNames = m.female ? NameCatalog.MALE_FIRST : NameCatalog.FEMALE_FIRST;
    m.spouseName =
        married
            ? spouseFirstNames[rng.nextInt(spouseFirstNames.length)] + nameNumber(rng) + " "
                + m.last + m.lastNumber
            : null;
    m.primaryCareProvider = rng.nextInt(reference.generalPractitioners());
  }

  private static int nameNumber(Rng rng) {
    return 1 + rng.nextInt(999);
  }

  private static String lastName(Rng rng) {
    return NameCatalog.LAST[rng.nextInt(NameCatalog.LAST.length)];
  }

  private static PlaceCatalog.Town town(Rng rng) {
    return PlaceCatalog.TOWNS[Distributions.skewedIndex(rng, PlaceCatalog.TOWNS.length)];
  }
}
