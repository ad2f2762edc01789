package io.meshlake.fhir.view;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshlake.fhir.view.ViewDefinition.Column;
import io.meshlake.fhir.view.ViewDefinition.Constant;
import io.meshlake.fhir.view.ViewDefinition.Select;
import io.meshlake.fhir.view.fhirpath.FhirPath;
import io.meshlake.fhir.view.fhirpath.FhirPathException;
import io.meshlake.fhir.view.fhirpath.FhirTemporal;
import io.meshlake.fhir.view.fhirpath.PathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A ViewDefinition with every FHIRPath compiled once and its columns validated (unique names, unionAll
 * branches with the same columns in the same order and of the same declared types), ready to turn
 * resources into rows. Compile once per thread or partition: evaluation reuses one context and is not
 * thread-safe.
 *
 * <p>Row values are {@link String}, {@link Boolean}, {@link Long}, {@link java.math.BigDecimal},
 * {@link FhirTemporal}, {@link JsonNode} (complex values) or, in collection columns, a {@link List} of
 * these; null where the path returned nothing.
 */
public final class CompiledView {
  private final String resource;
  private final List<ViewColumn> columns;
  private final List<FhirPath> where;
  private final CompiledSelect root;
  private final PathContext context = PathContext.of(null);

  private CompiledView(String resource, List<ViewColumn> columns, List<FhirPath> where, CompiledSelect root) {
    this.resource = resource;
    this.columns = List.copyOf(columns);
    this.where = List.copyOf(where);
    this.root = root;
  }

  /** Compiles a view; throws {@link ViewDefinitionException} listing every problem found. */
  public static CompiledView compile(ViewDefinition view) {
    return new Compiler(view).compile();
  }

  /** Parses and compiles ViewDefinition JSON. */
  public static CompiledView compile(String viewJson) {
    return compile(ViewDefinition.parse(viewJson));
  }

  /** The resource type the view reads. */
  public String resource() {
    return resource;
  }

  /** The output columns, in order. */
  public List<ViewColumn> columns() {
    return columns;
  }

  /**
   * The rows of one resource: none when it is of another type or a where filter is not true.
   *
   * @throws ViewDefinitionException when the resource breaks the view (several values in a non-collection
   *     column, a where path that returns something other than a boolean)
   */
  public List<Object[]> rows(JsonNode resourceJson) {
    if (!resource.equals(resourceJson.path("resourceType").textValue())) {
      return List.of();
    }
    context.reset(resourceJson);
    for (int i = 0; i < where.size(); i++) {
      if (!included(where.get(i), i, resourceJson)) {
        return List.of();
      }
    }
    return root.rows(resourceJson, context, columns.size());
  }

  private boolean included(FhirPath filter, int index, JsonNode resourceJson) {
    List<Object> result;
    try {
      result = filter.evaluate(resourceJson, context);
    } catch (FhirPathException e) {
      throw new ViewDefinitionException("where[" + index + "] ('" + filter + "') failed on "
          + CompiledSelect.resourceKey(context) + ": " + e.getMessage());
    }
    if (result.isEmpty()) {
      return false;
    }
    if (result.size() == 1 && result.get(0) instanceof Boolean b) {
      return b;
    }
    throw new ViewDefinitionException("where[" + index + "] path '" + filter + "' must return a boolean but returned "
        + result + " for " + CompiledSelect.resourceKey(context) + "; compare or test it, e.g. (" + filter
        + ").exists() or " + filter + " = 'value'");
  }

  /** Compiles one view, collecting problems. */
  private static final class Compiler {
    private final ViewDefinition view;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> constants = new HashMap<>();
    private final Map<String, String> columnsSeen = new HashMap<>();
    private final List<ViewColumn> columns = new ArrayList<>();

    Compiler(ViewDefinition view) {
      this.view = view;
    }

    CompiledView compile() {
      for (int i = 0; i < view.constants().size(); i++) {
        constant(view.constants().get(i), "constant[" + i + "]");
      }
      List<FhirPath> where = new ArrayList<>();
      for (int i = 0; i < view.where().size(); i++) {
        where.add(path(view.where().get(i), "where[" + i + "].path"));
      }
      List<CompiledSelect> selects = new ArrayList<>();
      for (int i = 0; i < view.select().size(); i++) {
        selects.add(select(view.select().get(i), "select[" + i + "]", this::allocate));
      }
      if (!problems.isEmpty()) {
        throw new ViewDefinitionException(problems);
      }
      CompiledSelect root = new CompiledSelect("view", List.of(), selects, List.of(), null, false, List.of());
      return new CompiledView(view.resource(), columns, where, root);
    }

    private void constant(Constant constant, String at) {
      Object value = constant.value();
      if (constant.type() != null && value instanceof String text) {
        FhirTemporal.Kind kind = switch (constant.type()) {
          case "date" -> FhirTemporal.Kind.DATE;
          case "dateTime", "instant" -> FhirTemporal.Kind.DATE_TIME;
          case "time" -> FhirTemporal.Kind.TIME;
          default -> null;
        };
        if (kind != null) {
          value = FhirTemporal.parse(text, kind).orElse(null);
          if (value == null) {
            problems.add(at + " (" + constant.name() + "): '" + text + "' is not a valid " + constant.type());
          }
        }
      }
      if (constants.put(constant.name(), value) != null) {
        problems.add(at + " redefines constant '" + constant.name() + "'; give each constant a distinct name");
      }
    }

    /**
     * Compiles a select, taking output positions for its columns (own, nested selects', first unionAll
     * branch's, in that order) from {@code slots}: fresh ones, or a first unionAll branch's for a later branch.
     */
    private CompiledSelect select(Select select, String at, SlotSource slots) {
      List<CompiledSelect.BoundColumn> bound = new ArrayList<>();
      for (int i = 0; i < select.columns().size(); i++) {
        Column column = select.columns().get(i);
        String columnAt = at + ".column[" + i + "]";
        FhirPath path = path(column.path(), columnAt + ".path");
        bound.add(new CompiledSelect.BoundColumn(column.name(), columnAt, path, slots.slot(column, columnAt, path),
            column.collection(), "%rowIndex".equals(column.path().strip())));
      }
      List<CompiledSelect> nested = new ArrayList<>();
      for (int i = 0; i < select.select().size(); i++) {
        nested.add(select(select.select().get(i), at + ".select[" + i + "]", slots));
      }
      List<CompiledSelect> branches = new ArrayList<>();
      for (int i = 0; i < select.unionAll().size(); i++) {
        SlotSource source = branches.isEmpty() ? slots : new UnionSlots(branches.get(0).slots())::next;
        branches.add(select(select.unionAll().get(i), at + ".unionAll[" + i + "]", source));
      }
      checkBranches(select, at, branches);
      String iteration = select.forEach() != null ? select.forEach() : select.forEachOrNull();
      FhirPath forEach = iteration == null ? null
          : path(iteration, at + (select.forEach() != null ? ".forEach" : ".forEachOrNull"));
      List<FhirPath> repeat = new ArrayList<>();
      for (int i = 0; i < select.repeat().size(); i++) {
        repeat.add(path(select.repeat().get(i), at + ".repeat[" + i + "]"));
      }
      return new CompiledSelect(at, bound, nested, branches, forEach, select.forEachOrNull() != null, repeat);
    }

    private void checkBranches(Select select, String at, List<CompiledSelect> branches) {
      if (branches.size() < 2) {
        return;
      }
      List<Column> first = columnsOf(select.unionAll().get(0));
      for (int i = 1; i < branches.size(); i++) {
        List<Column> other = columnsOf(select.unionAll().get(i));
        List<String> firstNames = first.stream().map(Column::name).toList();
        List<String> otherNames = other.stream().map(Column::name).toList();
        if (!firstNames.equals(otherNames)) {
          problems.add(at + ".unionAll[" + i + "] has columns " + otherNames + " but unionAll[0] has " + firstNames
              + "; every branch of a unionAll must have the same column names in the same order");
          continue;
        }
        for (int c = 0; c < first.size(); c++) {
          String a = first.get(c).type();
          String b = other.get(c).type();
          if (a != null && b != null && !a.equals(b) || first.get(c).collection() != other.get(c).collection()) {
            problems.add(at + ".unionAll[" + i + "] column '" + otherNames.get(c) + "' is " + describe(other.get(c))
                + " but in unionAll[0] it is " + describe(first.get(c)) + "; make the branches' column types match");
          }
        }
      }
    }

    private static String describe(Column column) {
      return Objects.requireNonNullElse(column.type(), "untyped") + (column.collection() ? " (collection)" : "");
    }

    /** A select's output columns, in order: its own, its nested selects', then its first unionAll branch's. */
    private static List<Column> columnsOf(Select select) {
      List<Column> out = new ArrayList<>(select.columns());
      select.select().forEach(s -> out.addAll(columnsOf(s)));
      if (!select.unionAll().isEmpty()) {
        out.addAll(columnsOf(select.unionAll().get(0)));
      }
      return out;
    }

    private int allocate(Column column, String at, FhirPath path) {
      String previous = columnsSeen.putIfAbsent(column.name(), at);
      if (previous != null) {
        problems.add(at + " defines column '" + column.name() + "' again (already defined at " + previous
            + "); column names must be unique, rename one of them");
      }
      String type = column.type() != null ? column.type() : path == null ? null : path.resultType();
      columns.add(new ViewColumn(column.name(), type, column.collection(), column.tag("ansi/type")));
      return columns.size() - 1;
    }

    private FhirPath path(String expression, String at) {
      try {
        return FhirPath.compile(expression, constants);
      } catch (FhirPathException e) {
        problems.add(at + ": " + e.getMessage());
        return null;
      }
    }

    /** Where a column's output position comes from. */
    private interface SlotSource {
      int slot(Column column, String at, FhirPath path);
    }

    /** The first unionAll branch's positions, handed out in order to a later branch. */
    private static final class UnionSlots {
      private final int[] slots;
      private int next;

      UnionSlots(int[] slots) {
        this.slots = slots;
      }

      int next(Column column, String at, FhirPath path) {
        return next < slots.length ? slots[next++] : -1;
      }
    }
  }
}
