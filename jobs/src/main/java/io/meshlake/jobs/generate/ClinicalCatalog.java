package io.meshlake.jobs.generate;

/**
 * Encounter kinds, billable services and diagnosis codes (SNOMED CT, RxNorm, CVX as Synthea uses
 * them), with base prices modelled on Synthea's defaults. Descriptions never contain commas, as in
 * Synthea (which replaces them by two spaces).
 */
final class ClinicalCatalog {

  /** A billable service: procedure, medication or immunization code, description, base price. */
  record Service(String code, String description, long baseCents) {}

  /**
   * A kind of encounter: the fee charged for it, the department, the claim type (1 professional, 2
   * institutional), relative frequency and whether the provider is usually the member's own.
   */
  record EncounterType(
      Service adultFee,
      Service childFee,
      int departmentId,
      int claimTypeId,
      double weight,
      boolean usuallyOwnProvider) {}

  /** Members younger than this get the child variant of an encounter fee. */
  static final int CHILD_AGE_LIMIT = 18;

  private static final Service ENCOUNTER_FOR_SYMPTOM =
      new Service("185345009", "Encounter for symptom", 77_49);
  private static final Service ENCOUNTER_FOR_PROBLEM =
      new Service("185347001", "Encounter for problem", 77_49);

  static final EncounterType[] ENCOUNTER_TYPES = {
    new EncounterType(
        ENCOUNTER_FOR_SYMPTOM, ENCOUNTER_FOR_SYMPTOM, 20, 1, 0.30, true),
    new EncounterType(
        ENCOUNTER_FOR_PROBLEM, ENCOUNTER_FOR_PROBLEM, 20, 1, 0.15, true),
    new EncounterType(
        new Service("162673000", "General examination of patient (procedure)", 129_16),
        new Service("410620009", "Well child visit (procedure)", 129_16),
        10, 1, 0.18, true),
    new EncounterType(
        new Service("390906007", "Follow-up encounter", 77_49),
        new Service("390906007", "Follow-up encounter", 77_49),
        1, 1, 0.10, true),
    new EncounterType(
        new Service("371883000", "Outpatient procedure", 129_16),
        new Service("371883000", "Outpatient procedure", 129_16),
        2, 2, 0.14, false),
    new EncounterType(
        new Service("50849002", "Emergency room admission (procedure)", 129_16),
        new Service("50849002", "Emergency room admission (procedure)", 129_16),
        4, 2, 0.08, false),
    new EncounterType(
        new Service("183452005", "Encounter Inpatient", 77_49),
        new Service("183452005", "Encounter Inpatient", 77_49),
        3, 2, 0.05, false)
  };

  /** Services billed on top of the encounter fee, most frequent first. */
  static final Service[] EXTRA_SERVICES = {
    new Service("314076", "lisinopril 10 MG Oral Tablet", 2),
    new Service("310798", "Hydrochlorothiazide 25 MG Oral Tablet", 1),
    new Service("140", "Influenza  seasonal  injectable  preservative free", 140_52),
    new Service("430193006", "Medication Reconciliation (procedure)", 606_31),
    new Service("171207006", "Depression screening (procedure)", 0),
    new Service("308136", "amLODIPine 2.5 MG Oral Tablet", 2),
    new Service("895994",
        "120 ACTUAT Fluticasone propionate 0.044 MG/ACTUAT Metered Dose Inhaler", 31_34),
    new Service("710824005", "Assessment of health and social care needs (procedure)", 516_65),
    new Service("312961", "Simvastatin 20 MG Oral Tablet", 24_53),
    new Service("197361", "Amlodipine 5 MG Oral Tablet", 26_05),
    new Service("2123111",
        "NDA020503 200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler", 343_87),
    new Service("428211000124100", "Assessment of substance use (procedure)", 0),
    new Service("104091002", "Hemoglobin / Hematocrit / Platelet count", 1857_05),
    new Service("209387", "Acetaminophen 325 MG Oral Tablet [Tylenol]", 263_49),
    new Service("705129", "Nitroglycerin 0.4 MG/ACTUAT Mucosal Spray", 98_11),
    new Service("76601001", "Intramuscular injection", 2811_81),
    new Service("274804006", "Evaluation of uterine fundal height", 6232_13),
    new Service("73761001", "Colonoscopy", 13236_59),
    new Service("180256009", "Subcutaneous immunotherapy", 14449_19)
  };

  /** Diagnosis codes for claims, most frequent first. */
  static final String[] DIAGNOSES = {
    "160903007", "162673000", "55822004", "59621000", "195662009", "73595000", "444814009",
    "10509002", "410620009", "15777000", "422650009", "72892002", "271737000", "44054006",
    "38341003", "162864005", "40055000", "65363002", "232353008", "233678006", "224299000",
    "423315002", "706893006", "66383009", "314529007", "53741008", "68496003", "36971009"
  };

  private ClinicalCatalog() {}
}
