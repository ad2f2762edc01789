package io.meshlake.jobs.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Set;

/**
 * Turns each member of a {@link MemberWalk} into FHIR R4 resources: a Patient (its id is the CSV
 * patient's), and per claim an Encounter (id: the claim's appointment), a Condition per diagnosis,
 * eight vital-sign Observations, a Procedure, MedicationRequest or Immunization per billed service, the
 * Claim (id: the CSV claim's) and its ExplanationOfBenefit. Values the CSV extract does not have (vital
 * signs) draw from their own random stream, so the shared ones stay identical to the CSV extract.
 */
final class FhirMemberResources implements MemberWalk.Visitor {
  private static final long VITALS_STREAM = Rng.salt("fhir-vitals");
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String LOINC = "http://loinc.org";
  private static final String UCUM = "http://unitsofmeasure.org";
  /** RxNorm codes among the billed services; CVX codes are immunizations; the rest are SNOMED procedures. */
  private static final Set<String> MEDICATIONS =
      Set.of("314076", "310798", "308136", "895994", "312961", "197361", "2123111", "209387", "705129");
  private static final Set<String> VACCINES = Set.of("140");

  /** A vital sign: LOINC code and name, UCUM unit, mean and spread of its value. */
  private record Vital(String code, String display, String unit, double mean, double spread, int scale) {}

  private static final Vital[] VITALS = {
    new Vital("8302-2", "Body Height", "cm", 168, 10, 1),
    new Vital("29463-7", "Body Weight", "kg", 78, 15, 1),
    new Vital("39156-5", "Body Mass Index", "kg/m2", 27, 4, 1),
    new Vital("8480-6", "Systolic Blood Pressure", "mm[Hg]", 122, 14, 0),
    new Vital("8462-4", "Diastolic Blood Pressure", "mm[Hg]", 79, 9, 0),
    new Vital("8867-4", "Heart rate", "/min", 74, 11, 0),
    new Vital("9279-1", "Respiratory rate", "/min", 15, 2, 0),
    new Vital("8310-5", "Body temperature", "Cel", 36.8, 0.4, 1),
  };

  private final FhirFiles files;
  private final Malformer malformer;
  private final ReferenceData reference;
  private final IdGenerator conditionIds;
  private final IdGenerator observationIds;
  private final IdGenerator serviceIds;
  private final IdGenerator eobIds;
  private final FhirJson json = new FhirJson();
  private final Rng vitals = new Rng(0);
  private final long seed;
  private String patientId;

  FhirMemberResources(long seed, FhirFiles files, Malformer malformer, ReferenceData reference) {
    this.seed = seed;
    this.files = files;
    this.malformer = malformer;
    this.reference = reference;
    this.conditionIds = new IdGenerator(seed, "fhir-condition");
    this.observationIds = new IdGenerator(seed, "fhir-observation");
    this.serviceIds = new IdGenerator(seed, "fhir-service");
    this.eobIds = new IdGenerator(seed, "fhir-eob");
  }

  @Override
  public void member(Member m, CoverageHistory coverage, Rng malformRng) throws IOException {
    vitals.reseed(seed, VITALS_STREAM, m.ordinal);
    patientId = new String(m.id);
    json.begin("Patient", patientId, Timeline.END_DAY * IsoDates.SECONDS_PER_DAY)
        .array("identifier").element().field("system", "https://github.com/synthetichealth/synthea")
        .field("value", patientId).end().endArray()
        .array("name").element().field("use", "official").field("family", m.last + m.lastNumber)
        .array("given").value(m.first + m.firstNumber).endArray().end().endArray()
        .field("gender", m.female ? "female" : "male")
        .field("birthDate", FhirJson.date(m.birthDay));
    if (m.deathDay >= 0) {
      json.field("deceasedDateTime", FhirJson.instant(m.deathDay * IsoDates.SECONDS_PER_DAY));
    }
    json.array("address").element()
        .array("line").value(m.houseNumber + " " + m.streetName + " " + m.streetSuffix).endArray()
        .field("city", m.town.name()).field("state", PlaceCatalog.STATE_CODE);
    if (m.hasZip) {
      json.field("postalCode", m.town.zip());
    }
    json.field("country", "US").end().endArray();
    files.write("Patient", json.build(), malformer.draw(malformRng));
  }

  @Override
  public void claim(Member m, CoverageHistory coverage, ClaimPlan claim, Rng malformRng) throws IOException {
    String encounterId = new String(claim.appointmentId);
    String claimId = new String(claim.id);
    Provider provider = reference.provider(claim.provider);
    String organizationId = reference.organizations().get(provider.organization()).id();
    ClinicalCatalog.Service fee = claim.chargeServices[0];
    String start = FhirJson.instant(claim.serviceSecond);
    String end = FhirJson.instant(claim.endSecond);
    long local = claim.claimIndex * 32L;

    json.begin("Encounter", encounterId, claim.endSecond).field("status", "finished")
        .object("class").field("system", "http://terminology.hl7.org/CodeSystem/v3-ActCode")
        .field("code", encounterClass(claim.encounter)).end()
        .array("type").element().array("coding").element().field("system", SNOMED).field("code", fee.code())
        .field("display", fee.description()).end().endArray().field("text", fee.description()).end().endArray()
        .reference("subject", "Patient", patientId)
        .array("participant").element().reference("individual", "Practitioner", provider.id()).end().endArray()
        .object("period").field("start", start).field("end", end).end()
        .reference("serviceProvider", "Organization", organizationId);
    files.write("Encounter", json.build(), malformer.draw(malformRng));

    for (int d = 0; d < claim.diagnosisCount; d++) {
      json.begin("Condition", conditionIds.id(m.ordinal, local + d), claim.endSecond)
          .concept("clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)
          .concept("verificationStatus", "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)
          .concept("code", SNOMED, claim.diagnoses[d], null)
          .reference("subject", "Patient", patientId).reference("encounter", "Encounter", encounterId)
          .field("onsetDateTime", start).field("recordedDate", start);
      files.write("Condition", json.build(), malformer.draw(malformRng));
    }

    for (int v = 0; v < VITALS.length; v++) {
      Vital vital = VITALS[v];
      BigDecimal value = BigDecimal.valueOf(vital.mean() + vital.spread() * vitals.nextGaussian())
          .setScale(vital.scale(), java.math.RoundingMode.HALF_UP);
      json.begin("Observation", observationIds.id(m.ordinal, local + v), claim.endSecond).field("status", "final")
          .array("category").element().array("coding").element()
          .field("system", "http://terminology.hl7.org/CodeSystem/observation-category").field("code", "vital-signs")
          .end().endArray().end().endArray()
          .concept("code", LOINC, vital.code(), vital.display())
          .reference("subject", "Patient", patientId).reference("encounter", "Encounter", encounterId)
          .field("effectiveDateTime", start).field("issued", start)
          .object("valueQuantity").field("value", value).field("unit", vital.unit()).field("system", UCUM)
          .field("code", vital.unit()).end();
      files.write("Observation", json.build(), malformer.draw(malformRng));
    }

    for (int c = 1; c < claim.chargeCount; c++) {
      writeService(claim.chargeServices[c], serviceIds.id(m.ordinal, local + c), encounterId, provider, start, end,
          claim.endSecond, malformRng);
    }

    json.begin("Claim", claimId, claim.endSecond).field("status", "active")
        .concept("type", "http://terminology.hl7.org/CodeSystem/claim-type",
            claim.encounter.claimTypeId() == 2 ? "institutional" : "professional", null)
        .field("use", "claim").reference("patient", "Patient", patientId)
        .object("billablePeriod").field("start", start).field("end", end).end()
        .field("created", end);
    insurer(claim);
    json.reference("provider", "Practitioner", provider.id())
        .concept("priority", "http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)
        .array("insurance").element().field("sequence", 1);
    insurance(claim);
    diagnoses(claim);
    items(claim, encounterId);
    json.money("total", total(claim));
    files.write("Claim", json.build(), malformer.draw(malformRng));

    json.begin("ExplanationOfBenefit", eobIds.id(m.ordinal, claim.claimIndex), claim.endSecond).field("status", "active")
        .concept("type", "http://terminology.hl7.org/CodeSystem/claim-type",
            claim.encounter.claimTypeId() == 2 ? "institutional" : "professional", null)
        .field("use", "claim").reference("patient", "Patient", patientId)
        .object("billablePeriod").field("start", start).field("end", end).end()
        .field("created", end);
    insurer(claim);
    json.reference("provider", "Practitioner", provider.id()).reference("claim", "Claim", claimId)
        .field("outcome", "complete")
        .array("insurance").element();
    insurance(claim);
    items(claim, encounterId);
    json.array("total").element()
        .concept("category", "http://terminology.hl7.org/CodeSystem/adjudication", "submitted", null)
        .money("amount", total(claim)).end().endArray()
        .object("payment").money("amount", paid(claim)).end();
    files.write("ExplanationOfBenefit", json.build(), malformer.draw(malformRng));
  }

  private void writeService(ClinicalCatalog.Service service, String id, String encounterId, Provider provider,
      String start, String end, long lastUpdated, Rng malformRng) throws IOException {
    if (VACCINES.contains(service.code())) {
      json.begin("Immunization", id, lastUpdated).field("status", "completed")
          .concept("vaccineCode", "http://hl7.org/fhir/sid/cvx", service.code(), service.description())
          .reference("patient", "Patient", patientId).reference("encounter", "Encounter", encounterId)
          .field("occurrenceDateTime", start).field("primarySource", true);
      files.write("Immunization", json.build(), malformer.draw(malformRng));
    } else if (MEDICATIONS.contains(service.code())) {
      json.begin("MedicationRequest", id, lastUpdated).field("status", "stopped").field("intent", "order")
          .concept("medicationCodeableConcept", "http://www.nlm.nih.gov/research/umls/rxnorm", service.code(),
              service.description())
          .reference("subject", "Patient", patientId).reference("encounter", "Encounter", encounterId)
          .field("authoredOn", start).reference("requester", "Practitioner", provider.id());
      files.write("MedicationRequest", json.build(), malformer.draw(malformRng));
    } else {
      json.begin("Procedure", id, lastUpdated).field("status", "completed")
          .concept("code", SNOMED, service.code(), service.description())
          .reference("subject", "Patient", patientId).reference("encounter", "Encounter", encounterId)
          .object("performedPeriod").field("start", start).field("end", end).end();
      files.write("Procedure", json.build(), malformer.draw(malformRng));
    }
  }

  /**
   * The insurer, by the payer's id (the CSV claims' PRIMARYPATIENTINSURANCEID) as a Synthea identifier, and
   * its name; an uninsured claim names Synthea's NO_INSURANCE pseudo-payer without identifier.
   */
  private void insurer(ClaimPlan claim) {
    json.object("insurer");
    if (claim.insured()) {
      json.object("identifier").field("system", "https://github.com/synthetichealth/synthea")
          .field("value", reference.payer(claim.primaryPayer).id()).end();
    }
    json.field("display", payerName(claim)).end();
  }

  /** The rest of the open insurance element, and the end of the insurance array. */
  private void insurance(ClaimPlan claim) {
    json.field("focal", true).object("coverage").field("display", payerName(claim)).end().end().endArray();
  }

  private void diagnoses(ClaimPlan claim) {
    if (claim.diagnosisCount == 0) {
      return;
    }
    json.array("diagnosis");
    for (int d = 0; d < claim.diagnosisCount; d++) {
      json.element().field("sequence", d + 1).concept("diagnosisCodeableConcept", SNOMED, claim.diagnoses[d], null).end();
    }
    json.endArray();
  }

  private void items(ClaimPlan claim, String encounterId) {
    json.array("item");
    for (int c = 0; c < claim.chargeCount; c++) {
      ClinicalCatalog.Service service = claim.chargeServices[c];
      json.element().field("sequence", c + 1)
          .concept("productOrService", MEDICATIONS.contains(service.code()) ? "http://www.nlm.nih.gov/research/umls/rxnorm"
              : VACCINES.contains(service.code()) ? "http://hl7.org/fhir/sid/cvx" : SNOMED, service.code(),
              service.description())
          .array("encounter").element().field("reference", "Encounter/" + encounterId).end().endArray()
          .money("net", charge(claim, c)).end();
    }
    json.endArray();
  }

  private String payerName(ClaimPlan claim) {
    return claim.insured() ? reference.payer(claim.primaryPayer).name() : "NO_INSURANCE";
  }

  private static long charge(ClaimPlan claim, int charge) {
    for (int l = 0; l < claim.lineCount; l++) {
      if (claim.lineCharges[l] == charge && claim.lineTypes[l] == TransactionType.CHARGE) {
        return claim.lineAmounts[l];
      }
    }
    return 0;
  }

  private static long total(ClaimPlan claim) {
    return sum(claim, TransactionType.CHARGE);
  }

  private static long paid(ClaimPlan claim) {
    return sum(claim, TransactionType.PAYMENT);
  }

  private static long sum(ClaimPlan claim, TransactionType type) {
    long cents = 0;
    for (int l = 0; l < claim.lineCount; l++) {
      if (claim.lineTypes[l] == type) {
        cents += claim.lineAmounts[l];
      }
    }
    return cents;
  }

  private static String encounterClass(ClinicalCatalog.EncounterType type) {
    return switch (type.departmentId()) {
      case 3 -> "IMP";
      case 4 -> "EMER";
      default -> "AMB";
    };
  }
}
