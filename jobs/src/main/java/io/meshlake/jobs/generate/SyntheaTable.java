package io.meshlake.jobs.generate;

import java.util.Arrays;
import java.util.List;

/**
 * The Synthea v3 CSV files this generator writes: file name, exact header, required id column and the
 * typed columns whose values must parse.
 */
enum SyntheaTable {
  PAYERS(
      "payers",
      "Id,NAME,ADDRESS,CITY,STATE_HEADQUARTERED,ZIP,PHONE,AMOUNT_COVERED,AMOUNT_UNCOVERED,REVENUE,"
          + "COVERED_ENCOUNTERS,UNCOVERED_ENCOUNTERS,COVERED_MEDICATIONS,UNCOVERED_MEDICATIONS,"
          + "COVERED_PROCEDURES,UNCOVERED_PROCEDURES,COVERED_IMMUNIZATIONS,UNCOVERED_IMMUNIZATIONS,"
          + "UNIQUE_CUSTOMERS,QOLS_AVG,MEMBER_MONTHS",
      List.of(),
      List.of()),
  ORGANIZATIONS(
      "organizations",
      "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION",
      List.of(),
      List.of()),
  /** Synthea's providers columns plus a trailing, non-Synthea {@code NPI} column. */
  PROVIDERS(
      "providers",
      "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,UTILIZATION,NPI",
      List.of(),
      List.of()),
  PATIENTS(
      "patients",
      "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,LAST,SUFFIX,MAIDEN,MARITAL,RACE,"
          + "ETHNICITY,GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,ZIP,LAT,LON,HEALTHCARE_EXPENSES,"
          + "HEALTHCARE_COVERAGE",
      List.of("BIRTHDATE", "DEATHDATE", "LAT", "LON", "HEALTHCARE_EXPENSES", "HEALTHCARE_COVERAGE"),
      List.of(ColumnType.DATE, ColumnType.DATE, ColumnType.DECIMAL, ColumnType.DECIMAL,
          ColumnType.DECIMAL, ColumnType.DECIMAL)),
  PAYER_TRANSITIONS(
      "payer_transitions",
      "PATIENT,MEMBERID,START_YEAR,END_YEAR,PAYER,SECONDARY_PAYER,OWNERSHIP,OWNERNAME",
      List.of("START_YEAR", "END_YEAR"),
      List.of(ColumnType.TIMESTAMP, ColumnType.TIMESTAMP)),
  CLAIMS(
      "claims",
      "Id,PATIENTID,PROVIDERID,PRIMARYPATIENTINSURANCEID,SECONDARYPATIENTINSURANCEID,DEPARTMENTID,"
          + "PATIENTDEPARTMENTID,DIAGNOSIS1,DIAGNOSIS2,DIAGNOSIS3,DIAGNOSIS4,DIAGNOSIS5,DIAGNOSIS6,"
          + "DIAGNOSIS7,DIAGNOSIS8,REFERRINGPROVIDERID,APPOINTMENTID,CURRENTILLNESSDATE,SERVICEDATE,"
          + "SUPERVISINGPROVIDERID,STATUS1,STATUS2,STATUSP,OUTSTANDING1,OUTSTANDING2,OUTSTANDINGP,"
          + "LASTBILLEDDATE1,LASTBILLEDDATE2,LASTBILLEDDATEP,HEALTHCARECLAIMTYPEID1,"
          + "HEALTHCARECLAIMTYPEID2",
      List.of("CURRENTILLNESSDATE", "SERVICEDATE", "OUTSTANDING1", "OUTSTANDING2", "OUTSTANDINGP",
          "LASTBILLEDDATE1", "LASTBILLEDDATE2", "LASTBILLEDDATEP"),
      List.of(ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, ColumnType.DECIMAL, ColumnType.DECIMAL,
          ColumnType.DECIMAL, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP)),
  CLAIMS_TRANSACTIONS(
      "claims_transactions",
      "ID,CLAIMID,CHARGEID,PATIENTID,TYPE,AMOUNT,METHOD,FROMDATE,TODATE,PLACEOFSERVICE,PROCEDURECODE,"
          + "MODIFIER1,MODIFIER2,DIAGNOSISREF1,DIAGNOSISREF2,DIAGNOSISREF3,DIAGNOSISREF4,UNITS,"
          + "DEPARTMENTID,NOTES,UNITAMOUNT,TRANSFEROUTID,TRANSFERTYPE,PAYMENTS,ADJUSTMENTS,TRANSFERS,"
          + "OUTSTANDING,APPOINTMENTID,LINENOTE,PATIENTINSURANCEID,FEESCHEDULEID,PROVIDERID,"
          + "SUPERVISINGPROVIDERID",
      List.of("AMOUNT", "FROMDATE", "TODATE", "UNITAMOUNT", "PAYMENTS", "TRANSFERS", "OUTSTANDING"),
      List.of(ColumnType.DECIMAL, ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, ColumnType.DECIMAL,
          ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.DECIMAL));

  /** Value types of the columns a malformed row may carry an unparsable value in. */
  enum ColumnType {
    DATE("2023-13-45", "not-a-date"),
    TIMESTAMP("2023-13-45T25:61:00Z", "not-a-date"),
    DECIMAL("12.3.4", "twelve");

    private final String[] unparsable;

    ColumnType(String... unparsable) {
      this.unparsable = unparsable;
    }

    /** @return one of the unparsable literals for this type */
    String unparsable(Rng rng) {
      return unparsable[rng.nextInt(unparsable.length)];
    }
  }

  private final String baseName;
  private final String header;
  private final int[] typedColumns;
  private final ColumnType[] typedColumnTypes;

  SyntheaTable(String baseName, String header, List<String> typedColumns, List<ColumnType> types) {
    this.baseName = baseName;
    this.header = header;
    List<String> columns = Arrays.asList(header.split(","));
    this.typedColumns = typedColumns.stream().mapToInt(columns::indexOf).toArray();
    this.typedColumnTypes = types.toArray(new ColumnType[0]);
    if (typedColumns.size() != types.size() || Arrays.stream(this.typedColumns).anyMatch(i -> i < 0)) {
      throw new IllegalStateException(
          "typed columns " + typedColumns + " of " + baseName
              + " must be header columns, each with one type: fix SyntheaTable");
    }
  }

  /** @return {@code <base>.csv}, or {@code <base>.<part>.csv} when {@code part} is not null */
  String fileName(String part) {
    return part == null ? baseName + ".csv" : baseName + "." + part + ".csv";
  }

  String header() {
    return header;
  }

  /** @return index of the id column a row cannot do without (always the first) */
  int requiredIdColumn() {
    return 0;
  }

  /** @return number of typed columns a malformed row may carry an unparsable value in */
  int typedColumnCount() {
    return typedColumns.length;
  }

  int typedColumn(int i) {
    return typedColumns[i];
  }

  ColumnType typedColumnType(int i) {
    return typedColumnTypes[i];
  }
}
