package io.meshlake.domains.provider;

import io.meshlake.api.Domain;
import io.meshlake.api.DomainSpec;
import io.meshlake.api.Table;
import io.meshlake.sources.SyntheaCsv;

/**
 * The provider domain: who provides care, with which NPI, where.
 *
 * <p>From FHIR R4 Practitioner, PractitionerRole, Organization and Location resources (silver tables are SQL
 * on FHIR views in {@code src/main/resources/meshlake/provider/views/}) and the Synthea CSV providers and
 * organizations extracts, it publishes {@code provider_directory}: one row per provider with NPI, name,
 * specialty, organization and practice address. Only providers with a valid NPI (Luhn check digit over the
 * prefix 80840) are published; the others wait in {@code provider_gold.provider_directory_quarantine} with
 * the rule they broke. The contract is in {@code src/main/resources/meshlake/provider/contracts/}.
 */
public final class ProviderDomain implements Domain {
  @Override
  public DomainSpec define() {
    return DomainSpec.builder("provider")
        .ingestFhir("practitioners_raw", "Practitioner")
        .ingestFhir("practitioner_roles_raw", "PractitionerRole")
        .ingestFhir("organizations_raw", "Organization")
        .ingestFhir("locations_raw", "Location")
        .ingest("providers_raw", SyntheaCsv.PROVIDERS)
        .ingest("csv_organizations_raw", SyntheaCsv.ORGANIZATIONS)
        .silver(Table.fhirView("practitioners", "practitioners_raw", "views/practitioner.json", "practitioner_id")
            .description("One row per FHIR practitioner: NPI as sent, name parts, gender, first address and phone"))
        .silver(Table.fhirView("practitioner_roles", "practitioner_roles_raw", "views/practitioner_role.json",
                "role_id")
            .description("One row per FHIR practitioner role: practitioner, organization and location (by id or"
                + " identifier), specialty"))
        .silver(Table.fhirView("organizations", "organizations_raw", "views/organization.json", "organization_id")
            .description("One row per FHIR organization: identifiers, name, type, first address and phone"))
        .silver(Table.fhirView("locations", "locations_raw", "views/location.json", "location_id")
            .description("One row per FHIR location: managing organization (by id or identifier), address, position"))
        .silver(Table.named("csv_providers")
            .fromNewRowsOf("providers_raw")
            .transform(CsvProviders::providers)
            .merge("provider_id")
            .description("One row per provider of the Synthea providers extract (NPI only in generated extracts);"
                + " the latest extract wins"))
        .silver(Table.named("csv_organizations")
            .fromNewRowsOf("csv_organizations_raw")
            .transform(CsvProviders::organizations)
            .merge("organization_id")
            .description("One row per organization of the Synthea organizations extract; the latest extract wins"))
        .gold(Table.named("provider_directory")
            .from("practitioners", "practitioner_roles", "organizations", "locations", "csv_providers",
                "csv_organizations")
            .sql("gold/provider_directory.sql")
            .overwrite())
        .build();
  }
}
