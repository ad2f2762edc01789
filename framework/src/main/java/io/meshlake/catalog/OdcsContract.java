package io.meshlake.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.Slo;
import io.meshlake.quality.Check;
import io.meshlake.quality.ProductRules;
import io.meshlake.quality.QualityLog;
import io.meshlake.quality.Rule;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A data product's contract as an Open Data Contract Standard (ODCS) v3.0.2 document, for catalogs and
 * tools that read the standard: fundamentals (id, name, version, status, domain, description), the
 * schema with each column's logical and Spark type, whether it is required or part of the primary key,
 * its classification, and the product's quality rules (run by Deequ), the owner as team, the SLOs as
 * SLA properties, the table as a server, and the known consumers as a custom property.
 */
public final class OdcsContract {
  /** The version of the standard the documents follow. */
  public static final String API_VERSION = "v3.0.2";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  private OdcsContract() {}

  /** The product's ODCS document as YAML. */
  public static String yaml(DataProduct product, String environment) {
    try {
      return YAML.writeValueAsString(document(product, environment));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("Cannot write the ODCS document of " + product.id(), e);
    }
  }

  /** The document as nested maps and lists, in the standard's key order. */
  static Map<String, Object> document(DataProduct product, String environment) {
    Contract contract = product.contract();
    String name = product.id().qualifiedName();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", API_VERSION);
    doc.put("kind", "DataContract");
    doc.put("id", "urn:meshlake:" + name);
    doc.put("name", contract.product());
    doc.put("version", contract.version().toString());
    doc.put("status", "active");
    doc.put("domain", contract.domain());
    doc.put("dataProduct", name);
    doc.put("description", map("purpose", contract.description(),
        "usage", "Query with Spark SQL as " + name + "; what each consumer class sees is set by governance policies"));
    doc.put("schema", List.of(schemaObject(product)));
    doc.put("team", List.of(map("username", contract.owner(), "role", "owner")));
    doc.put("slaProperties", sla(product));
    doc.put("servers", List.of(map("server", environment, "type", "local", "path", product.location(),
        "format", product.format(), "environment", environment)));
    if (!contract.consumers().isEmpty()) {
      doc.put("customProperties", List.of(map("property", "knownConsumers", "value", contract.consumers())));
    }
    return doc;
  }

  private static Map<String, Object> schemaObject(DataProduct product) {
    Contract contract = product.contract();
    Map<String, Object> table = new LinkedHashMap<>();
    table.put("name", contract.product());
    table.put("physicalName", product.id().qualifiedName());
    table.put("physicalType", "table");
    table.put("logicalType", "object");
    table.put("description", contract.description());
    List<Map<String, Object>> properties = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      Map<String, Object> property = new LinkedHashMap<>();
      property.put("name", column.name());
      property.put("logicalType", logicalType(column.type()));
      property.put("physicalType", column.type());
      property.put("required", column.required());
      int key = contract.primaryKey().indexOf(column.name());
      if (key >= 0) {
        property.put("primaryKey", true);
        property.put("primaryKeyPosition", key + 1);
      }
      property.put("classification", column.classification().label());
      property.put("description", column.description());
      properties.add(property);
    }
    table.put("properties", properties);
    List<Map<String, Object>> quality = new ArrayList<>();
    for (Rule rule : ProductRules.of(contract, product.rules())) {
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("name", rule.name());
      check.put("description", rule.description().isBlank() ? QualityLog.kind(rule.check()) + " rule" : rule.description());
      check.put("dimension", dimension(rule.check()));
      check.put("type", "custom");
      check.put("engine", "deequ");
      check.put("implementation", QualityLog.kind(rule.check()) + ": " + rule.check().threshold());
      check.put("severity", rule.level().label());
      List<Map<String, Object>> custom = new ArrayList<>();
      custom.add(map("property", "action", "value", rule.action().label()));
      rule.slo().ifPresent(slo -> custom.add(map("property", "slo", "value", slo.label())));
      check.put("customProperties", custom);
      quality.add(check);
    }
    table.put("quality", quality);
    return table;
  }

  private static List<Map<String, Object>> sla(DataProduct product) {
    List<Map<String, Object>> sla = new ArrayList<>();
    for (Slo slo : product.contract().slos()) {
      sla.add(map("property", slo.kind().label(), "value", slo.objective()));
    }
    for (Rule rule : product.rules().rules()) {
      if (rule.check() instanceof Check.Freshness fresh) {
        sla.add(map("property", "latency", "value", fresh.maxAge().toMinutes() / 60.0, "unit", "h",
            "element", product.contract().product() + "." + fresh.column()));
      }
    }
    return sla;
  }

  /** The standard's logical type of a Spark SQL type as contracts write it. */
  static String logicalType(String sparkType) {
    String type = sparkType.toLowerCase(Locale.ROOT);
    if (type.startsWith("array")) {
      return "array";
    }
    if (type.startsWith("struct") || type.startsWith("map")) {
      return "object";
    }
    if (type.startsWith("decimal") || type.equals("double") || type.equals("float")) {
      return "number";
    }
    return switch (type) {
      case "tinyint", "smallint", "int", "integer", "bigint", "long" -> "integer";
      case "date", "timestamp", "timestamp_ntz" -> "date";
      case "boolean" -> "boolean";
      default -> "string";
    };
  }

  /** The standard's data quality dimension a check measures. */
  private static String dimension(Check check) {
    if (check instanceof Check.Completeness || check instanceof Check.RowCount || check instanceof Check.RowCountAnomaly) {
      return "completeness";
    }
    if (check instanceof Check.Uniqueness) {
      return "uniqueness";
    }
    if (check instanceof Check.Freshness) {
      return "timeliness";
    }
    if (check instanceof Check.References || check instanceof Check.MappedCodes) {
      return "consistency";
    }
    return "conformity";
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
