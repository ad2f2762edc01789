package io.meshlake.jobs.generate;

/**
 * Samples one claim of a member at a given service time: encounter kind, provider, diagnoses, the
 * payers covering that instant, and the priced, settled charges.
 */
final class ClaimSampler {

  private static final double[] ENCOUNTER_WEIGHTS;

  static {
    ENCOUNTER_WEIGHTS = new double[ClinicalCatalog.ENCOUNTER_TYPES.length];
    for (int i = 0; i < ENCOUNTER_WEIGHTS.length; i++) {
      ENCOUNTER_WEIGHTS[i] = ClinicalCatalog.ENCOUNTER_TYPES[i].weight();
    }
  }

  private static final double OWN_PROVIDER_SHARE = 0.75;
  private static final int MIN_DURATION_SECONDS = 15 * 60;
  private static final int MAX_EXTRA_DURATION_SECONDS = 45 * 60;

  private final IdGenerator claimIds;
  private final IdGenerator appointmentIds;
  private final ReferenceData reference;

  ClaimSampler(IdGenerator claimIds, IdGenerator appointmentIds, ReferenceData reference) {
    this.claimIds = claimIds;
    this.appointmentIds = appointmentIds;
    this.reference = reference;
  }

  /** Refills {@code plan} with claim {@code claimIndex} of {@code m}, serviced at {@code serviceSecond}. */
  void sample(
      ClaimPlan plan,
      Member m,
      CoverageHistory coverage,
      int claimIndex,
      long serviceSecond,
      Rng rng) {
    plan.clear();
    plan.claimIndex = claimIndex;
    claimIds.write(m.ordinal, claimIndex, plan.id, 0);
    appointmentIds.write(m.ordinal, claimIndex, plan.appointmentId, 0);

    ClinicalCatalog.EncounterType encounter =
        ClinicalCatalog.ENCOUNTER_TYPES[Distributions.weightedIndex(rng, ENCOUNTER_WEIGHTS)];
    plan.encounter = encounter;
    plan.serviceSecond = serviceSecond;
    plan.endSecond = serviceSecond + MIN_DURATION_SECONDS + rng.nextInt(MAX_EXTRA_DURATION_SECONDS);
    plan.illnessSecond =
        rng.chance(0.25)
            ? Math.max(m.birthSecond(), serviceSecond - rng.nextInt(30) * IsoDates.SECONDS_PER_DAY)
            : serviceSecond;
    plan.provider =
        encounter.usuallyOwnProvider() && rng.chance(OWN_PROVIDER_SHARE)
            ? m.primaryCareProvider
            : rng.nextInt(ReferenceData.PROVIDERS);

    int diagnoses = 1;
    while (diagnoses < 5 && rng.chance(0.2)) {
      diagnoses++;
    }
    for (int i = 0; i < diagnoses; i++) {
      plan.diagnoses[i] =
          ClinicalCatalog.DIAGNOSES[Distributions.skewedIndex(rng, ClinicalCatalog.DIAGNOSES.length)];
    }
    plan.diagnosisCount = diagnoses;

    int span = coverage.spanAt(serviceSecond);
    boolean insured = span >= 0 && reference.payer(coverage.payer(span)).insures();
    plan.primaryPayer = insured ? coverage.payer(span) : -1;
    plan.secondaryPayer = insured ? coverage.secondaryPayer(span) : -1;
    Payer insurer = insured ? reference.payer(plan.primaryPayer) : null;

    boolean child = m.ageAt(serviceSecond) < ClinicalCatalog.CHILD_AGE_LIMIT;
    bill(plan, child ? encounter.childFee() : encounter.adultFee(), insurer, rng);
    for (int i = Distributions.extraServiceCount(rng); i > 0; i--) {
      ClinicalCatalog.Service service =
          ClinicalCatalog.EXTRA_SERVICES[
              Distributions.skewedIndex(rng, ClinicalCatalog.EXTRA_SERVICES.length)];
      bill(plan, service, insurer, rng);
    }
  }

  private static void bill(ClaimPlan plan, ClinicalCatalog.Service service, Payer insurer, Rng rng) {
    int charge = plan.addCharge(service);
    ChargeSettlement.settle(plan, charge, Distributions.priceCents(rng, service.baseCents()), insurer, rng);
  }
}
