package io.meshlake.quality;

import io.meshlake.api.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a rule measures. Each kind compiles into one Deequ constraint; row-level kinds also give the SQL
 * predicate a row must satisfy, which the gate uses to quarantine the rows that break it.
 */
public sealed interface Check {

  /** The product columns the check reads. */
  List<String> columns();

  /** The SQL predicate a good row satisfies, for kinds judged row by row. */
  default Optional<String> rowPredicate() {
    return Optional.empty();
  }

  /** The threshold in words, for messages and reports. */
  String threshold();

  /** Share of rows with a value in {@code column} is at least {@code min}. */
  record Completeness(String column, double min) implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public Optional<String> rowPredicate() {
      return Optional.of(quote(column) + " IS NOT NULL");
    }

    public String threshold() {
      return "completeness >= " + min;
    }
  }

  /**
   * Share of rows whose value combination occurs once is at least {@code min} (Deequ's uniqueness).
   * With {@code primaryKey}, the columns must also be complete and {@code min} is 1.
   */
  record Uniqueness(List<String> columns, double min, boolean primaryKey) implements Check {
    public Uniqueness {
      columns = List.copyOf(columns);
    }

    public String threshold() {
      return primaryKey ? "unique and complete" : "uniqueness >= " + min;
    }
  }

  /** Share of non-empty values of {@code column} among {@code values} is at least {@code min}. */
  record ValueSet(String column, List<String> values, double min) implements Check {
    public ValueSet {
      values = List.copyOf(values);
    }

    public List<String> columns() {
      return List.of(column);
    }

    public Optional<String> rowPredicate() {
      return Optional.of(quote(column) + " IS NULL OR CAST(" + quote(column) + " AS STRING) IN ("
          + values.stream().map(Check::literal).collect(Collectors.joining(", ")) + ")");
    }

    public String threshold() {
      return "share in " + values + " >= " + min;
    }
  }

  /** Share of non-empty values of {@code column} matching {@code regex} (a named shape or own) is at least {@code min}. */
  record Pattern(String column, String shape, String regex, double min) implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public Optional<String> rowPredicate() {
      return Optional.of(quote(column) + " IS NULL OR CAST(" + quote(column) + " AS STRING) RLIKE " + literal(regex));
    }

    public String threshold() {
      return "share matching " + shape + " >= " + min;
    }
  }

  /**
   * Share of non-empty values of {@code column} that are valid NPIs is at least {@code min}: ten digits whose
   * last is the Luhn check digit of the constant {@code 80840} followed by the first nine, as the CMS NPI
   * standard specifies ({@link io.meshlake.codes.Npi}). Judged by a plain SQL expression, so it runs in
   * Deequ's scan and in the quarantine split without a user-defined function.
   */
  record NpiCheckDigit(String column, double min) implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public Optional<String> rowPredicate() {
      String c = "CAST(" + quote(column) + " AS STRING)";
      // Luhn over "80840" + the 10 digits: the prefix contributes 24; digits 1, 3, 5, 7 and 9 of the NPI are
      // doubled (a doubled digit d >= 5 counts 2d - 9), the others count as they are.
      StringBuilder sum = new StringBuilder("24");
      for (int i = 1; i <= 10; i++) {
        String digit = "try_cast(substr(" + c + ", " + i + ", 1) AS INT)";
        sum.append(" + ").append(i % 2 == 1 ? "(2 * " + digit + " - IF(" + digit + " >= 5, 9, 0))" : digit);
      }
      return Optional.of(quote(column) + " IS NULL OR (" + c + " RLIKE '^[0-9]{10}$' AND (" + sum + ") % 10 = 0)");
    }

    public String threshold() {
      return "share of valid NPIs (Luhn check digit over 80840) >= " + min;
    }
  }

  /** Share of non-empty values of {@code column} within [{@code low}, {@code high}] is at least {@code min}. */
  record Range(String column, Double low, Double high, double min) implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public Optional<String> rowPredicate() {
      String c = quote(column);
      String bounds = (low == null ? "" : c + " >= " + low) + (low != null && high != null ? " AND " : "")
          + (high == null ? "" : c + " <= " + high);
      return Optional.of(c + " IS NULL OR (" + bounds + ")");
    }

    public String threshold() {
      return "share in [" + (low == null ? "-inf" : low) + ", " + (high == null ? "inf" : high) + "] >= " + min;
    }
  }

  /** The newest value of {@code column} (a date or time) is at most {@code maxAge} older than the run's as-of time. */
  record Freshness(String column, Duration maxAge) implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public String threshold() {
      return "newest " + column + " at most " + Durations.format(maxAge) + " before as-of";
    }
  }

  /** The number of rows published is within [{@code min}, {@code max}]. */
  record RowCount(Long min, Long max) implements Check {
    public List<String> columns() {
      return List.of();
    }

    public String threshold() {
      return "rows in [" + (min == null ? 0 : min) + ", " + (max == null ? "inf" : max) + "]";
    }
  }

  /**
   * The number of rows does not fall by more than {@code maxDecrease} nor rise by more than
   * {@code maxIncrease} (shares, e.g. 0.5) against the previous publication, from Deequ's metrics
   * repository and its relative-rate-of-change anomaly strategy.
   */
  record RowCountAnomaly(double maxDecrease, double maxIncrease) implements Check {
    public List<String> columns() {
      return List.of();
    }

    public String threshold() {
      return "row count change within -" + maxDecrease + " / +" + maxIncrease + " of the last publication";
    }
  }

  /** Share of non-empty {@code column} values found in {@code table}.{@code tableColumn} is at least {@code min}. */
  record References(String column, TableId table, String tableColumn, double min) implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public String threshold() {
      return "share found in " + table.qualifiedName() + "." + tableColumn + " >= " + min;
    }
  }

  /**
   * Share of non-empty local codes in {@code column} that map to a standard code (a row of
   * {@code mapping} with this {@code localColumn} and a non-empty {@code standardColumn}) is at least
   * {@code min}.
   */
  record MappedCodes(String column, TableId mapping, String localColumn, String standardColumn, double min)
      implements Check {
    public List<String> columns() {
      return List.of(column);
    }

    public String threshold() {
      return "share mapped through " + mapping.qualifiedName() + " >= " + min;
    }
  }

  /**
   * Share of the extract lines behind a publication that were valid (not quarantined) is at least
   * {@code min}: the lines of the files ingested into the product's upstream bronze tables since it was
   * last published, the latest content of each file. Computed from the ingest reconciliation in the run
   * log, not by Deequ: the invalid lines never reach the product.
   */
  record LineValidity(double min) implements Check {
    public List<String> columns() {
      return List.of();
    }

    public String threshold() {
      return "valid lines >= " + min;
    }
  }

  /** A column name quoted for Spark SQL. */
  static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  /** A string literal for Spark SQL. */
  static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
