package io.meshlake.sources;

import static io.meshlake.ingest.FieldType.DATE;
import static io.meshlake.ingest.FieldType.DOUBLE;
import static io.meshlake.ingest.FieldType.INT;
import static io.meshlake.ingest.FieldType.LONG;
import static io.meshlake.ingest.FieldType.MONEY;
import static io.meshlake.ingest.FieldType.STRING;
import static io.meshlake.ingest.FieldType.TIMESTAMP;

import io.meshlake.ingest.CsvLayout;

/**
 * Layouts of the Synthea (v3) CSV export, shared by every domain that ingests it. Column names are
 * Synthea's; required columns are the identifiers and dates a row is useless without.
 */
public final class SyntheaCsv {
  private SyntheaCsv() {}

  /** patients.csv: one row per patient (the member domain's members). */
  public static final CsvLayout PATIENTS = CsvLayout.builder("synthea_patients", "patients")
      .required("Id", STRING)
      .required("BIRTHDATE", DATE)
      .optional("DEATHDATE", DATE)
      .optionalStrings("SSN", "DRIVERS", "PASSPORT", "PREFIX", "FIRST", "LAST", "SUFFIX", "MAIDEN", "MARITAL",
          "RACE", "ETHNICITY")
      .required("GENDER", STRING)
      .optionalStrings("BIRTHPLACE", "ADDRESS", "CITY", "STATE", "COUNTY", "ZIP")
      .optional("LAT", DOUBLE)
      .optional("LON", DOUBLE)
      .optional("HEALTHCARE_EXPENSES", DOUBLE)
      .optional("HEALTHCARE_COVERAGE", DOUBLE)
      .build();

  /** payer_transitions.csv: one row per coverage span of a patient with a payer. */
  public static final CsvLayout PAYER_TRANSITIONS = CsvLayout.builder("synthea_payer_transitions", "payer_transitions")
      .required("PATIENT", STRING)
      .optional("MEMBERID", STRING)
      .required("START_YEAR", TIMESTAMP)
      .required("END_YEAR", TIMESTAMP)
      .required("PAYER", STRING)
      .optionalStrings("SECONDARY_PAYER", "OWNERSHIP", "OWNERNAME")
      .build();

  /** claims.csv: one row per claim (header level). */
  public static final CsvLayout CLAIMS = CsvLayout.builder("synthea_claims", "claims")
      .required("Id", STRING)
      .required("PATIENTID", STRING)
      .optionalStrings("PROVIDERID", "PRIMARYPATIENTINSURANCEID", "SECONDARYPATIENTINSURANCEID", "DEPARTMENTID",
          "PATIENTDEPARTMENTID", "DIAGNOSIS1", "DIAGNOSIS2", "DIAGNOSIS3", "DIAGNOSIS4", "DIAGNOSIS5", "DIAGNOSIS6",
          "DIAGNOSIS7", "DIAGNOSIS8", "REFERRINGPROVIDERID", "APPOINTMENTID")
      .optional("CURRENTILLNESSDATE", TIMESTAMP)
      .required("SERVICEDATE", TIMESTAMP)
      .optionalStrings("SUPERVISINGPROVIDERID", "STATUS1", "STATUS2", "STATUSP")
      .optional("OUTSTANDING1", MONEY)
      .optional("OUTSTANDING2", MONEY)
      .optional("OUTSTANDINGP", MONEY)
      .optional("LASTBILLEDDATE1", TIMESTAMP)
      .optional("LASTBILLEDDATE2", TIMESTAMP)
      .optional("LASTBILLEDDATEP", TIMESTAMP)
      .optional("HEALTHCARECLAIMTYPEID1", INT)
      .optional("HEALTHCARECLAIMTYPEID2", INT)
      .build();

  /** claims_transactions.csv: one row per financial transaction on a claim line (charge, payment, transfer). */
  public static final CsvLayout CLAIMS_TRANSACTIONS = CsvLayout.builder("synthea_claims_transactions", "claims_transactions")
      .required("ID", STRING)
      .required("CLAIMID", STRING)
      .optional("CHARGEID", LONG)
      .required("PATIENTID", STRING)
      .required("TYPE", STRING)
      .optional("AMOUNT", MONEY)
      .optional("METHOD", STRING)
      .required("FROMDATE", TIMESTAMP)
      .optional("TODATE", TIMESTAMP)
      .optionalStrings("PLACEOFSERVICE", "PROCEDURECODE", "MODIFIER1", "MODIFIER2")
      .optional("DIAGNOSISREF1", INT)
      .optional("DIAGNOSISREF2", INT)
      .optional("DIAGNOSISREF3", INT)
      .optional("DIAGNOSISREF4", INT)
      .optional("UNITS", INT)
      .optionalStrings("DEPARTMENTID", "NOTES")
      .optional("UNITAMOUNT", MONEY)
      .optionalStrings("TRANSFEROUTID", "TRANSFERTYPE")
      .optional("PAYMENTS", MONEY)
      .optional("ADJUSTMENTS", MONEY)
      .optional("TRANSFERS", MONEY)
      .optional("OUTSTANDING", MONEY)
      .optionalStrings("APPOINTMENTID", "LINENOTE", "PATIENTINSURANCEID", "FEESCHEDULEID", "PROVIDERID",
          "SUPERVISINGPROVIDERID")
      .build();

  /** providers.csv: one row per practitioner; {@code NPI} is present in generated extracts only. */
  public static final CsvLayout PROVIDERS = CsvLayout.builder("synthea_providers", "providers")
      .required("Id", STRING)
      .optionalStrings("ORGANIZATION", "NAME", "GENDER", "SPECIALITY", "ADDRESS", "CITY", "STATE", "ZIP")
      .optional("LAT", DOUBLE)
      .optional("LON", DOUBLE)
      .optional("UTILIZATION", LONG)
      .optional("NPI", STRING)
      .build();

  /** organizations.csv: one row per provider organization. */
  public static final CsvLayout ORGANIZATIONS = CsvLayout.builder("synthea_organizations", "organizations")
      .required("Id", STRING)
      .optionalStrings("NAME", "ADDRESS", "CITY", "STATE", "ZIP")
      .optional("LAT", DOUBLE)
      .optional("LON", DOUBLE)
      .optional("PHONE", STRING)
      .optional("REVENUE", DOUBLE)
      .optional("UTILIZATION", LONG)
      .build();
}
