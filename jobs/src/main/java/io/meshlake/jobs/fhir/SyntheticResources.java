package io.meshlake.jobs.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthea-like FHIR R4 JSON for benchmarks: per patient one Patient, two Encounters and ten vital-sign
 * Observations (LOINC-coded, valueQuantity in UCUM units, subject and encounter references).
 */
final class SyntheticResources {
  private static final String[][] VITALS = {
      {"8302-2", "Body Height", "cm", "120", "80"}, {"29463-7", "Body Weight", "kg", "40", "80"},
      {"39156-5", "Body mass index", "kg/m2", "18", "15"}, {"8867-4", "Heart rate", "/min", "55", "50"},
      {"9279-1", "Respiratory rate", "/min", "12", "8"}, {"8310-5", "Body temperature", "Cel", "36", "2"},
      {"8480-6", "Systolic blood pressure", "mm[Hg]", "100", "50"}, {"8462-4", "Diastolic blood pressure", "mm[Hg]", "60", "35"},
      {"2708-6", "Oxygen saturation", "%", "90", "10"}, {"72514-3", "Pain severity", "{score}", "0", "10"}};
  private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis"};
  private static final String[] GIVEN = {"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda"};
  private static final String[] CITY = {"Boston", "Worcester", "Springfield", "Cambridge", "Lowell"};

  private SyntheticResources() {}

  /** About {@code count} resources (whole patients), as JSON strings. */
  static List<String> generate(int count, long seed) {
    Random random = new Random(seed);
    List<String> resources = new ArrayList<>(count + 13);
    for (int p = 0; resources.size() < count; p++) {
      String patient = "pat-" + p;
      resources.add(patient(patient, random));
      for (int e = 0; e < 2; e++) {
        String encounter = patient + "-enc-" + e;
        String day = String.format("20%02d-%02d-%02d", 10 + random.nextInt(14), 1 + random.nextInt(12), 1 + random.nextInt(28));
        resources.add(encounter(encounter, patient, day));
        for (int v = 0; v < 5; v++) {
          String[] vital = VITALS[(e * 5 + v) % VITALS.length];
          resources.add(observation(encounter + "-obs-" + v, patient, encounter, day, vital, random));
        }
      }
    }
    return resources;
  }

  private static String patient(String id, Random random) {
    return """
        {"resourceType":"Patient","id":"%s","meta":{"profile":["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},\
        "extension":[{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex","valueCode":"%s"}],\
        "identifier":[{"system":"https://github.com/synthetichealth/synthea","value":"%s"},\
        {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"system":"http://hospital.example.org","value":"MR-%s"}],\
        "name":[{"use":"official","family":"%s","given":["%s","%s"],"prefix":["Mx."]}],\
        "telecom":[{"system":"phone","value":"555-%04d","use":"home"}],"gender":"%s","birthDate":"%d-%02d-%02d",\
        "address":[{"line":["%d Main St"],"city":"%s","state":"MA","postalCode":"0%04d","country":"US"}],\
        "maritalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-MaritalStatus","code":"M"}]}}"""
        .formatted(id, random.nextBoolean() ? "F" : "M", id, id, FAMILY[random.nextInt(FAMILY.length)],
            GIVEN[random.nextInt(GIVEN.length)], GIVEN[random.nextInt(GIVEN.length)], random.nextInt(10000),
            random.nextBoolean() ? "female" : "male", 1930 + random.nextInt(90), 1 + random.nextInt(12),
            1 + random.nextInt(28), 1 + random.nextInt(999), CITY[random.nextInt(CITY.length)], 1000 + random.nextInt(9000));
  }

  private static String encounter(String id, String patient, String day) {
    return """
        {"resourceType":"Encounter","id":"%s","status":"finished",\
        "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},\
        "type":[{"coding":[{"system":"http://snomed.info/sct","code":"185349003","display":"Encounter for check up"}],"text":"Encounter for check up"}],\
        "subject":{"reference":"Patient/%s"},"period":{"start":"%sT09:00:00-05:00","end":"%sT09:30:00-05:00"},\
        "serviceProvider":{"reference":"Organization/org-1","display":"Example Hospital"}}"""
        .formatted(id, patient, day, day);
  }

  private static String observation(String id, String patient, String encounter, String day, String[] vital, Random random) {
    double value = Double.parseDouble(vital[3]) + random.nextDouble() * Double.parseDouble(vital[4]);
    return """
        {"resourceType":"Observation","id":"%s","status":"final",\
        "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs","display":"vital-signs"}]}],\
        "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}],"text":"%s"},\
        "subject":{"reference":"Patient/%s"},"encounter":{"reference":"Encounter/%s"},\
        "effectiveDateTime":"%sT09:10:00-05:00","issued":"%sT09:10:00.000-05:00",\
        "valueQuantity":{"value":%.1f,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}"""
        .formatted(id, vital[0], vital[1], vital[1], patient, encounter, day, day, value, vital[2], vital[2]);
  }
}
