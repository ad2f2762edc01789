package io.meshlake.jobs.generate;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes the reference data of a FHIR extract: an Organization and its Location per organization, a
 * Practitioner (NPI identifier) and PractitionerRole per provider, with the ids the CSV extract gives
 * them. Reference data is never malformed, as in the CSV extract.
 */
final class FhirReferenceResources {
  private FhirReferenceResources() {}

  static void write(FhirFiles files, ReferenceData reference, long seed) throws IOException {
    IdGenerator locationIds = new IdGenerator(seed, "fhir-location");
    IdGenerator roleIds = new IdGenerator(seed, "fhir-practitioner-role");
    FhirJson json = new FhirJson();
    long updated = Timeline.END_DAY * IsoDates.SECONDS_PER_DAY;
    for (int i = 0; i < reference.organizations().size(); i++) {
      Organization o = reference.organizations().get(i);
      json.begin("Organization", o.id(), updated)
          .array("identifier").element().field("system", "https://github.com/synthetichealth/synthea")
          .field("value", o.id()).end().endArray()
          .field("active", true)
          .array("type").element().array("coding").element()
          .field("system", "http://terminology.hl7.org/CodeSystem/organization-type").field("code", "prov")
          .field("display", "Healthcare Provider").end().endArray().end().endArray()
          .field("name", o.name())
          .array("telecom").element().field("system", "phone").field("value", o.phone()).end().endArray()
          .array("address").element();
      address(json, o).end().endArray();
      files.write("Organization", json.build(), null);

      json.begin("Location", locationIds.id(i, 0), updated).field("status", "active").field("name", o.name());
      address(json.object("address"), o).end()
          .object("position").field("longitude", BigDecimal.valueOf(o.lonMicros(), 6))
          .field("latitude", BigDecimal.valueOf(o.latMicros(), 6)).end()
          .reference("managingOrganization", "Organization", o.id());
      files.write("Location", json.build(), null);
    }
    for (int i = 0; i < reference.providers().size(); i++) {
      Provider p = reference.provider(i);
      json.begin("Practitioner", p.id(), updated)
          .array("identifier").element().field("system", "http://hl7.org/fhir/sid/us-npi").field("value", p.npi())
          .end().endArray()
          .field("active", true)
          .array("name").element().field("text", p.name()).end().endArray()
          .field("gender", p.gender() == 'F' ? "female" : "male");
      files.write("Practitioner", json.build(), null);

      json.begin("PractitionerRole", roleIds.id(i, 0), updated).field("active", true)
          .reference("practitioner", "Practitioner", p.id())
          .reference("organization", "Organization", reference.organizations().get(p.organization()).id())
          .array("specialty").element().field("text", p.speciality()).end().endArray()
          .array("location").element().field("reference", "Location/" + locationIds.id(p.organization(), 0)).end()
          .endArray();
      files.write("PractitionerRole", json.build(), null);
    }
  }

  /** The fields of the organization's address, inside an open address object. */
  private static FhirJson address(FhirJson json, Organization o) {
    return json.array("line").value(o.address()).endArray().field("city", o.town().name())
        .field("state", PlaceCatalog.STATE_CODE).field("postalCode", o.zip()).field("country", "US");
  }
}
