package io.meshlake.fhir.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;

/**
 * A SQL on FHIR v2 ViewDefinition: a tabular projection of one resource type, as parsed (and
 * structurally checked) by {@link #parse(String)}. FHIRPath is compiled and column names are checked
 * by {@link CompiledView#compile(ViewDefinition)}.
 *
 * @param name the view's name, or null
 * @param resource the FHIR resource type the view reads, e.g. {@code Patient}
 * @param constants values the paths refer to as {@code %name}
 * @param select the selection structures, in column order
 * @param where FHIRPath filters that must all be true for a resource to be viewed
 */
public record ViewDefinition(String name, String resource, List<Constant> constants, List<Select> select,
    List<String> where) implements Serializable {

  public ViewDefinition {
    constants = List.copyOf(constants);
    select = List.copyOf(select);
    where = List.copyOf(where);
  }

  /** Parses ViewDefinition JSON; throws {@link ViewDefinitionException} naming every structural problem. */
  public static ViewDefinition parse(String json) {
    return read(FhirJson.parse(json, "the ViewDefinition"));
  }

  /** Reads a ViewDefinition from parsed JSON; throws {@link ViewDefinitionException} naming every structural problem. */
  public static ViewDefinition read(JsonNode json) {
    return ViewDefinitionReader.read(json);
  }

  /**
   * A constant: {@code value[x]} with its FHIR type.
   *
   * @param name referred to as {@code %name}
   * @param type the FHIR type from the value's key, e.g. {@code date} for {@code valueDate}
   * @param value a String, Boolean, Long or BigDecimal as written in the JSON
   */
  public record Constant(String name, String type, Object value) implements Serializable {}

  /**
   * A column.
   *
   * @param name the output column name
   * @param path the FHIRPath giving its value
   * @param type the declared FHIR type, or null
   * @param collection whether the column holds an array of values
   * @param description what the column means, or null
   * @param tags name/value tags, e.g. {@code ansi/type} = {@code DATE}
   */
  public record Column(String name, String path, String type, boolean collection, String description, List<Tag> tags)
      implements Serializable {
    public Column {
      tags = List.copyOf(tags);
    }

    /** The value of the first tag with this name, or null. */
    public String tag(String tagName) {
      return tags.stream().filter(t -> t.name().equals(tagName)).map(Tag::value).findFirst().orElse(null);
    }
  }

  /** A column tag. */
  public record Tag(String name, String value) implements Serializable {}

  /**
   * A selection structure: columns, nested selects (cross-joined), an optional iteration ({@code forEach},
   * {@code forEachOrNull} or {@code repeat}) and a {@code unionAll}.
   */
  public record Select(List<Column> columns, List<Select> select, String forEach, String forEachOrNull,
      List<String> repeat, List<Select> unionAll) implements Serializable {
    public Select {
      columns = List.copyOf(columns);
      select = List.copyOf(select);
      repeat = List.copyOf(repeat);
      unionAll = List.copyOf(unionAll);
    }
  }
}
