package io.meshlake.fhir.view;

import io.meshlake.fhir.view.fhirpath.FhirPath;
import io.meshlake.fhir.view.fhirpath.FhirPathException;
import io.meshlake.fhir.view.fhirpath.PathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One selection structure with its FHIRPath compiled and its columns bound to output positions. Produces
 * the rows of the SQL on FHIR processing algorithm: for each focus of its iteration, its own columns,
 * cross-joined with each nested select's rows and with the concatenated rows of its unionAll branches.
 */
final class CompiledSelect {
  /** A column bound to its output position. */
  record BoundColumn(String name, String at, FhirPath path, int slot, boolean collection, boolean rowIndex) {}

  private final String at;
  private final List<BoundColumn> columns;
  private final List<CompiledSelect> selects;
  private final List<CompiledSelect> unionAll;
  private final FhirPath forEach;
  private final boolean orNull;
  private final List<FhirPath> repeat;
  private final int[] slots;

  CompiledSelect(String at, List<BoundColumn> columns, List<CompiledSelect> selects, List<CompiledSelect> unionAll,
      FhirPath forEach, boolean orNull, List<FhirPath> repeat) {
    this.at = at;
    this.columns = List.copyOf(columns);
    this.selects = List.copyOf(selects);
    this.unionAll = List.copyOf(unionAll);
    this.forEach = forEach;
    this.orNull = orNull;
    this.repeat = List.copyOf(repeat);
    this.slots = slotsOf();
  }

  private int[] slotsOf() {
    List<Integer> all = new ArrayList<>();
    columns.forEach(c -> all.add(c.slot()));
    selects.forEach(s -> {
      for (int slot : s.slots) {
        all.add(slot);
      }
    });
    if (!unionAll.isEmpty()) {
      for (int slot : unionAll.get(0).slots) {
        all.add(slot);
      }
    }
    return all.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Every output position this select (with its nested selects and unionAll) fills. */
  int[] slots() {
    return slots;
  }

  /** The rows this select produces on a node, each an array of the view's width. */
  List<Object[]> rows(Object node, PathContext context, int width) {
    boolean iterates = forEach != null || !repeat.isEmpty();
    List<Object> foci = iterates ? foci(node, context) : List.of(node);
    List<Object[]> rows = new ArrayList<>(foci.size());
    for (int i = 0; i < foci.size(); i++) {
      int outerIndex = iterates ? context.rowIndex(i) : context.rowIndex();
      try {
        rows.addAll(rowsFor(foci.get(i), context, width));
      } finally {
        context.rowIndex(outerIndex);
      }
    }
    if (foci.isEmpty() && orNull) {
      Object[] nulls = new Object[width];
      bindRowIndexColumns(nulls);
      rows.add(nulls);
    }
    return rows;
  }

  /** In a forEachOrNull's null row every column is null except those that are just {@code %rowIndex}, which are 0. */
  private void bindRowIndexColumns(Object[] row) {
    columns.stream().filter(BoundColumn::rowIndex).forEach(c -> row[c.slot()] = 0L);
    selects.forEach(s -> s.bindRowIndexColumns(row));
    unionAll.forEach(u -> u.bindRowIndexColumns(row));
  }

  private List<Object> foci(Object node, PathContext context) {
    if (forEach != null) {
      return evaluate(forEach, node, context, at + (orNull ? ".forEachOrNull" : ".forEach"));
    }
    List<Object> result = new ArrayList<>();
    traverse(node, context, result);
    return result;
  }

  /** Depth-first: each child of each repeat path, then that child's own descendants. */
  private void traverse(Object node, PathContext context, List<Object> result) {
    for (int p = 0; p < repeat.size(); p++) {
      for (Object child : evaluate(repeat.get(p), node, context, at + ".repeat[" + p + "]")) {
        result.add(child);
        traverse(child, context, result);
      }
    }
  }

  private List<Object[]> rowsFor(Object focus, PathContext context, int width) {
    Object[] own = new Object[width];
    for (BoundColumn column : columns) {
      own[column.slot()] = value(column, focus, context);
    }
    List<Object[]> rows = List.<Object[]>of(own);
    for (CompiledSelect select : selects) {
      rows = product(rows, select.rows(focus, context, width), select.slots);
    }
    if (!unionAll.isEmpty()) {
      List<Object[]> union = new ArrayList<>();
      for (CompiledSelect branch : unionAll) {
        union.addAll(branch.rows(focus, context, width));
      }
      rows = product(rows, union, unionAll.get(0).slots);
    }
    return rows;
  }

  private static List<Object[]> product(List<Object[]> left, List<Object[]> right, int[] rightSlots) {
    List<Object[]> out = new ArrayList<>(left.size() * right.size());
    for (Object[] l : left) {
      for (Object[] r : right) {
        Object[] row = l.clone();
        for (int slot : rightSlots) {
          row[slot] = r[slot];
        }
        out.add(row);
      }
    }
    return out;
  }

  private static Object value(BoundColumn column, Object focus, PathContext context) {
    List<Object> values = evaluate(column.path(), focus, context, column.at());
    if (column.collection()) {
      return List.copyOf(values);
    }
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new ViewDefinitionException("Column '" + column.name() + "' (" + column.at() + ", path '" + column.path()
          + "') returned " + values.size() + " values " + preview(values) + " for " + resourceKey(context)
          + "; set \"collection\": true on the column, or narrow the path, e.g. " + column.path() + ".first()");
    }
    return values.get(0);
  }

  private static List<Object> evaluate(FhirPath path, Object focus, PathContext context, String at) {
    try {
      return path.evaluate(focus, context);
    } catch (FhirPathException | ArithmeticException e) {
      throw new ViewDefinitionException(at + " ('" + path + "') failed on " + resourceKey(context) + ": " + e.getMessage());
    }
  }

  static String resourceKey(PathContext context) {
    return context.resource().path("resourceType").asText("?") + "/" + context.resource().path("id").asText("?");
  }

  private static String preview(List<Object> values) {
    List<String> shown = values.stream().limit(3).map(v -> v instanceof String s ? "'" + s + "'" : String.valueOf(v)).toList();
    return "[" + String.join(", ", shown) + (values.size() > 3 ? ", ..." : "") + "]";
  }
}
