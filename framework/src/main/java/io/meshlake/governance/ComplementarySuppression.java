package io.meshlake.governance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Small-cell suppression with complementary suppression, on a table of counts held in memory.
 *
 * <p>A table is a list of cells, each with a row key, a column key and a count; a <i>line</i> is all
 * cells of one row or of one column. Anyone who knows a line's total (from this or another product) can
 * recompute a suppressed cell if it is the only suppressed cell of its line. So:
 *
 * <ol>
 *   <li><b>Primary suppression:</b> every cell with {@code 1 <= count < k}. Zero counts stay: they
 *       describe no one.
 *   <li><b>Complementary suppression:</b> for every line with exactly one suppressed cell, also
 *       suppress that line's smallest non-zero unsuppressed cell (a zero only if there is no other).
 *       Rows first, then columns, in the order they first appear; repeat until no line changes.
 * </ol>
 *
 * Afterwards every line of two or more cells has zero or at least two suppressed cells. It terminates:
 * every pass that changes anything suppresses one more of finitely many cells. A line of a single cell
 * is its own total and cannot be protected by suppressing cells; the product must not publish totals
 * of such lines. A one-dimensional table with a total is the case of a single column (all column keys
 * equal).
 */
final class ComplementarySuppression {
  /** Orders a line's unsuppressed cells as complements are chosen: non-zero before zero, then smallest. */
  private static final Comparator<Cell> COMPLEMENT_ORDER =
      Comparator.comparing((Cell cell) -> cell.count() == 0).thenComparingLong(Cell::count);

  /** A cell of the table. */
  record Cell(Object row, Object column, long count) {}

  private ComplementarySuppression() {}

  /**
   * Which cells to suppress.
   *
   * @param cells the table, in a stable order (ties between equal counts go to the earlier cell)
   * @param k the smallest count shown
   * @return one flag per cell, in the order of {@code cells}
   */
  static boolean[] suppress(List<Cell> cells, long k) {
    boolean[] suppressed = new boolean[cells.size()];
    for (int i = 0; i < cells.size(); i++) {
      long count = cells.get(i).count();
      suppressed[i] = count >= 1 && count < k;
    }
    List<List<Integer>> lines = new ArrayList<>(linesBy(cells, Cell::row));
    lines.addAll(linesBy(cells, Cell::column));
    Comparator<Integer> complementOrder = Comparator.comparing(cells::get, COMPLEMENT_ORDER);
    for (boolean changed = true; changed; ) {
      changed = false;
      for (List<Integer> line : lines) {
        if (line.size() >= 2 && line.stream().filter(i -> suppressed[i]).count() == 1) {
          int complement = line.stream().filter(i -> !suppressed[i]).min(complementOrder).orElseThrow();
          suppressed[complement] = true;
          changed = true;
        }
      }
    }
    return suppressed;
  }

  /** The indices of the cells of each line, lines in order of first appearance, cells in table order. */
  private static List<List<Integer>> linesBy(List<Cell> cells, Function<Cell, Object> key) {
    Map<Object, List<Integer>> lines = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      lines.computeIfAbsent(key.apply(cells.get(i)), ignored -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(lines.values());
  }
}
