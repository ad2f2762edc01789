package io.meshlake.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshlake.governance.ComplementarySuppression.Cell;
import io.meshlake.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SmallCellSuppressionTest extends SparkTestBase {
  /** A table from rows of counts; row keys A, B, …, column keys m1, m2, …; null is an absent cell. */
  private static List<Cell> table(Long[]... rows) {
    List<Cell> cells = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < rows[r].length; c++) {
        if (rows[r][c] != null) {
          cells.add(new Cell(String.valueOf((char) ('A' + r)), "m" + (c + 1), rows[r][c]));
        }
      }
    }
    return cells;
  }

  private static Long[] row(long... counts) {
    Long[] boxed = new Long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      boxed[i] = counts[i];
    }
    return boxed;
  }

  private static List<String> suppressedCells(List<Cell> cells, long k) {
    boolean[] flags = ComplementarySuppression.suppress(cells, k);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      if (flags[i]) {
        names.add(cells.get(i).row() + "-" + cells.get(i).column());
      }
    }
    return names;
  }

  @Test
  void complementsSpreadUntilEveryRowAndColumnHidesTwoOrNone() {
    List<Cell> cells = table(row(5, 40, 30), row(50, 60, 12), row(20, 8, 70));

    // Primary A-m1 (5), C-m2 (8). Pass 1 rows: A → A-m3 (30), C → C-m1 (20); columns: m2 → A-m2 (40 < 60),
    // m3 → B-m3 (12). Pass 2 rows: B → B-m1 (50 < 60). Pass 3: stable.
    assertThat(suppressedCells(cells, 11)).containsExactly("A-m1", "A-m2", "A-m3", "B-m1", "B-m3", "C-m1", "C-m2");
  }

  @Test
  void cellsNotNeededAsComplementsAreUntouched() {
    List<Cell> cells = table(row(3, 50, 60, 70), row(4, 80, 90, 100), row(200, 300, 400, 500));

    // A-m1 and B-m1 hide each other in column m1; A-m2 and B-m2 complete rows A and B and hide each other in m2.
    assertThat(suppressedCells(cells, 11)).containsExactly("A-m1", "A-m2", "B-m1", "B-m2");
  }

  @Test
  void zeroIsPublishedAndChosenAsAComplementOnlyWhenNothingElseIs() {
    List<Cell> cells = table(row(0, 7, 15, 12));

    // one-dimensional: a single column would do too; here the row A is the line with a known total
    assertThat(suppressedCells(cells, 11)).containsExactly("A-m2", "A-m4");
    assertThat(suppressedCells(table(row(0, 7)), 11)).containsExactly("A-m1", "A-m2");
  }

  /**
   * Independent check on random sparse tables: every small count is suppressed, and every row and column
   * of two or more cells has zero or at least two suppressed cells, so none follows from its total.
   */
  @Test
  void noSuppressedCountFollowsFromARowOrColumnTotal() {
    Random random = new Random(20250630);
    for (int trial = 0; trial < 500; trial++) {
      int rowCount = 1 + random.nextInt(8);
      int columnCount = 1 + random.nextInt(8);
      Long[][] rows = new Long[rowCount][columnCount];
      for (Long[] row : rows) {
        for (int c = 0; c < columnCount; c++) {
          row[c] = random.nextInt(10) == 0 ? null : (long) (random.nextInt(3) == 0 ? random.nextInt(11) : random.nextInt(500));
        }
      }
      List<Cell> cells = table(rows);
      boolean[] suppressed = ComplementarySuppression.suppress(cells, 11);

      Map<Object, int[]> perRow = new HashMap<>();
      Map<Object, int[]> perColumn = new HashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        Cell cell = cells.get(i);
        if (cell.count() >= 1 && cell.count() < 11) {
          assertThat(suppressed[i]).as("trial %d: small cell %s", trial, cell).isTrue();
        }
        tally(perRow.computeIfAbsent(cell.row(), r -> new int[2]), suppressed[i]);
        tally(perColumn.computeIfAbsent(cell.column(), c -> new int[2]), suppressed[i]);
      }
      for (Map<Object, int[]> lines : List.of(perRow, perColumn)) {
        for (Map.Entry<Object, int[]> line : lines.entrySet()) {
          int cellsInLine = line.getValue()[0];
          int hidden = line.getValue()[1];
          if (cellsInLine >= 2) {
            assertThat(hidden).as("trial %d, line %s", trial, line.getKey()).isNotEqualTo(1);
          }
        }
      }
    }
  }

  private static void tally(int[] line, boolean suppressed) {
    line[0]++;
    line[1] += suppressed ? 1 : 0;
  }

  @Test
  void aTwoDimensionalProductHidesCountsAndMeasuresOfSuppressedCells() {
    Dataset<Row> pmpm = spark().sql("""
        SELECT payer, month, CAST(members AS BIGINT) members, paid FROM VALUES
          ('Aetna', '2024-01', 5, 500.0), ('Aetna', '2024-02', 40, 4000.0), ('Aetna', '2024-03', 30, 3000.0),
          ('Blue', '2024-01', 50, 5000.0), ('Blue', '2024-02', 60, 6000.0), ('Blue', '2024-03', 12, 1200.0),
          ('Cigna', '2024-01', 20, 2000.0), ('Cigna', '2024-02', 8, 800.0), ('Cigna', '2024-03', 70, 7000.0)
        AS t(payer, month, members, paid)
        """);

    Dataset<Row> out = SmallCellSuppression.of("members", List.of("payer"), List.of("month"), List.of("paid"))
        .apply(pmpm);

    assertThat(out.columns()).containsExactly("payer", "month", "members", "paid", "members_suppressed");
    assertThat(out.orderBy("payer", "month").collectAsList().stream().map(Row::toString).toList()).containsExactly(
        "[Aetna,2024-01,null,null,true]", "[Aetna,2024-02,null,null,true]", "[Aetna,2024-03,null,null,true]",
        "[Blue,2024-01,null,null,true]", "[Blue,2024-02,60,6000.0,false]", "[Blue,2024-03,null,null,true]",
        "[Cigna,2024-01,null,null,true]", "[Cigna,2024-02,null,null,true]", "[Cigna,2024-03,70,7000.0,false]");
  }

  @Test
  void aOneDimensionalProductWithATotalHidesASecondCell() {
    Dataset<Row> byPayer = spark().sql("SELECT * FROM VALUES ('Aetna', 3L), ('Blue', 40L), ('Cigna', 25L), "
        + "(NULL, 100L) AS t(payer, members)");

    Dataset<Row> out = SmallCellSuppression.of("members", List.of("payer"), List.of(), List.of()).withK(5).apply(byPayer);

    assertThat(new TreeSet<>(out.collectAsList().stream().map(Row::toString).toList())).containsExactly(
        "[Aetna,null,true]", "[Blue,40,false]", "[Cigna,null,true]", "[null,100,false]");
  }

  @Test
  void aCountThatIsNotAnIntegerIsRefused() {
    Dataset<Row> rows = spark().sql("SELECT 'a' AS payer, 1.5 AS members");

    assertThatThrownBy(() -> SmallCellSuppression.of("members", List.of("payer"), List.of(), List.of()).apply(rows))
        .hasMessage("Cannot suppress small cells of members: it is decimal(2,1), not a count; cast it to bigint");
  }
}
