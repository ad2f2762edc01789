package io.meshlake.quality;

import io.meshlake.api.TableId;
import io.meshlake.contract.SloKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rule as written in a rule file: one flat set of keys, of which each kind uses some. {@link
 * #toRule(int)} checks that the kind is known, that it has the keys it needs and no others, and that
 * thresholds make sense, and returns the typed {@link Rule}.
 */
record RuleSpec(String name, String kind, String description, String column, List<String> columns, Double min,
    Double max, List<String> values, String shape, String pattern, String maxAge, String table, String tableColumn,
    String mappingTable, String localColumn, String standardColumn, Double maxDecrease, Double maxIncrease,
    Level level, Action action, SloKind slo) {

  /** The named shapes of healthcare codes a {@code pattern} rule may use. */
  static final Map<String, String> SHAPES = Map.of(
      "icd10cm", "^[A-TV-Z][0-9][0-9AB](\\.?[0-9A-TV-Z]{1,4})?$",
      "snomed", "^[1-9][0-9]{5,17}$",
      "cpt_hcpcs", "^([0-9]{4}[0-9A-Z]|[A-V][0-9]{4})$",
      "loinc", "^[0-9]{1,5}-[0-9]$",
      "npi", "^[12][0-9]{9}$");

  /** Each kind and the keys it takes besides name, kind, description, level, action and slo. */
  private static final Map<String, Set<String>> KINDS = kinds();

  private static Map<String, Set<String>> kinds() {
    Map<String, Set<String>> kinds = new LinkedHashMap<>();
    kinds.put("completeness", Set.of("column", "min"));
    kinds.put("unique", Set.of("column", "columns", "min"));
    kinds.put("primary_key", Set.of("columns"));
    kinds.put("duplicates", Set.of("columns", "max"));
    kinds.put("value_set", Set.of("column", "values", "min"));
    kinds.put("pattern", Set.of("column", "shape", "pattern", "min"));
    kinds.put("npi", Set.of("column", "min"));
    kinds.put("range", Set.of("column", "min", "max"));
    kinds.put("freshness", Set.of("column", "max_age"));
    kinds.put("row_count", Set.of("min", "max"));
    kinds.put("row_count_anomaly", Set.of("max_decrease", "max_increase"));
    kinds.put("references", Set.of("column", "table", "table_column", "min"));
    kinds.put("mapped_codes", Set.of("column", "mapping_table", "local_column", "standard_column", "min"));
    kinds.put("line_validity", Set.of("min"));
    return kinds;
  }

  /** The rule kinds, for messages and help. */
  static Set<String> kindNames() {
    return KINDS.keySet();
  }

  Rule toRule(int line) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a name (snake_case, unique in the file)");
    }
    if (kind == null) {
      throw new IllegalArgumentException("rule " + name + " needs a kind: one of " + String.join(", ", KINDS.keySet()));
    }
    String k = kind.trim().toLowerCase(Locale.ROOT);
    Set<String> allowed = KINDS.get(k);
    if (allowed == null) {
      throw new IllegalArgumentException("rule " + name + ": unknown kind '" + kind + "'; use one of "
          + String.join(", ", KINDS.keySet()));
    }
    List<String> extra = new ArrayList<>(present());
    extra.removeAll(allowed);
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException("rule " + name + ": kind " + k + " does not take " + String.join(", ", extra)
          + "; it takes " + String.join(", ", allowed.stream().sorted().toList()));
    }
    Action a = action == null ? Action.FAIL : action;
    Level l = level != null ? level : a == Action.FAIL ? Level.ERROR : Level.WARNING;
    if (a == Action.FAIL && l != Level.ERROR) {
      throw new IllegalArgumentException("rule " + name + ": action fail needs level error; use action warn for a warning");
    }
    Check check = check(k);
    if (a == Action.QUARANTINE && check.rowPredicate().isEmpty()) {
      throw new IllegalArgumentException("rule " + name + ": kind " + k + " judges the whole table, not rows, so it"
          + " cannot quarantine rows; use action warn or fail");
    }
    return new Rule(name, description, check, l, a, Optional.ofNullable(slo), line);
  }

  private Check check(String k) {
    return switch (k) {
      case "completeness" -> new Check.Completeness(need(column, "column"), share(min, "min", 1.0));
      case "unique" -> new Check.Uniqueness(columnList(), share(min, "min", 1.0), false);
      case "primary_key" -> new Check.Uniqueness(need(columns, "columns"), 1.0, true);
      case "duplicates" -> new Check.Uniqueness(need(columns, "columns"), 1.0 - share(need(max, "max"), "max", 0), false);
      case "value_set" -> new Check.ValueSet(need(column, "column"), need(values, "values"), share(min, "min", 1.0));
      case "pattern" -> patternCheck();
      case "npi" -> new Check.NpiCheckDigit(need(column, "column"), share(min, "min", 1.0));
      case "range" -> {
        if (min == null && max == null) {
          throw new IllegalArgumentException("rule " + name + ": a range needs min, max or both");
        }
        if (min != null && max != null && min > max) {
          throw new IllegalArgumentException("rule " + name + ": min " + min + " is above max " + max);
        }
        yield new Check.Range(need(column, "column"), min, max, 1.0);
      }
      case "freshness" -> {
        Duration age = Durations.parse(need(maxAge, "max_age"));
        if (age.isNegative() || age.isZero()) {
          throw new IllegalArgumentException("rule " + name + ": max_age must be positive, got " + maxAge);
        }
        yield new Check.Freshness(need(column, "column"), age);
      }
      case "row_count" -> {
        if (min == null && max == null) {
          throw new IllegalArgumentException("rule " + name + ": a row_count needs min, max or both");
        }
        yield new Check.RowCount(count(min, "min"), count(max, "max"));
      }
      case "row_count_anomaly" -> new Check.RowCountAnomaly(share(maxDecrease, "max_decrease", 0.5),
          positive(maxIncrease, "max_increase", 1.0));
      case "references" -> new Check.References(need(column, "column"), tableId(table, "table"),
          tableColumn == null ? column : tableColumn, share(min, "min", 1.0));
      case "mapped_codes" -> new Check.MappedCodes(need(column, "column"), tableId(mappingTable, "mapping_table"),
          need(localColumn, "local_column"), need(standardColumn, "standard_column"), share(min, "min", 1.0));
      case "line_validity" -> new Check.LineValidity(share(min, "min", 1.0));
      default -> throw new IllegalStateException(k);
    };
  }

  private Check patternCheck() {
    if ((shape == null) == (pattern == null)) {
      throw new IllegalArgumentException("rule " + name + ": a pattern needs exactly one of shape ("
          + String.join(", ", SHAPES.keySet().stream().sorted().toList()) + ") or pattern (a regular expression)");
    }
    String regex = shape != null ? SHAPES.get(shape.toLowerCase(Locale.ROOT)) : pattern;
    if (regex == null) {
      throw new IllegalArgumentException("rule " + name + ": unknown shape '" + shape + "'; use one of "
          + String.join(", ", SHAPES.keySet().stream().sorted().toList()));
    }
    try {
      java.util.regex.Pattern.compile(regex);
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException("rule " + name + ": pattern '" + pattern + "' is not a regular expression: "
          + e.getDescription());
    }
    return new Check.Pattern(need(column, "column"), shape != null ? shape : "/" + pattern + "/", regex,
        share(min, "min", 1.0));
  }

  private List<String> columnList() {
    if ((column == null) == (columns == null)) {
      throw new IllegalArgumentException("rule " + name + ": give exactly one of column or columns");
    }
    return column != null ? List.of(column) : columns;
  }

  private List<String> present() {
    List<String> keys = new ArrayList<>();
    add(keys, "column", column);
    add(keys, "columns", columns);
    add(keys, "min", min);
    add(keys, "max", max);
    add(keys, "values", values);
    add(keys, "shape", shape);
    add(keys, "pattern", pattern);
    add(keys, "max_age", maxAge);
    add(keys, "table", table);
    add(keys, "table_column", tableColumn);
    add(keys, "mapping_table", mappingTable);
    add(keys, "local_column", localColumn);
    add(keys, "standard_column", standardColumn);
    add(keys, "max_decrease", maxDecrease);
    add(keys, "max_increase", maxIncrease);
    return keys;
  }

  private static void add(List<String> keys, String key, Object value) {
    if (value != null) {
      keys.add(key);
    }
  }

  private <T> T need(T value, String key) {
    if (value == null || value instanceof List<?> list && list.isEmpty()) {
      throw new IllegalArgumentException("rule " + name + ": kind " + kind + " needs '" + key + "'");
    }
    return value;
  }

  private double share(Double value, String key, double otherwise) {
    double v = value == null ? otherwise : value;
    if (v < 0 || v > 1) {
      throw new IllegalArgumentException("rule " + name + ": " + key + " is a share between 0 and 1, got " + value
          + (v > 1 && v <= 100 ? " (write " + java.math.BigDecimal.valueOf(v).movePointLeft(2).stripTrailingZeros()
              .toPlainString() + " for " + value + "%)" : ""));
    }
    return v;
  }

  private double positive(Double value, String key, double otherwise) {
    double v = value == null ? otherwise : value;
    if (v < 0) {
      throw new IllegalArgumentException("rule " + name + ": " + key + " must not be negative, got " + value);
    }
    return v;
  }

  private Long count(Double value, String key) {
    if (value == null) {
      return null;
    }
    if (value < 0 || value != Math.floor(value)) {
      throw new IllegalArgumentException("rule " + name + ": " + key + " is a row count, got " + value);
    }
    return value.longValue();
  }

  private TableId tableId(String reference, String key) {
    try {
      return TableId.parse(need(reference, key));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rule " + name + ": " + key + " '" + reference
          + "' is not a table; write <domain>_<layer>.<table>, e.g. member_gold.members");
    }
  }
}
