package io.meshlake.catalog;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Draws the lineage graph as an inline SVG picture: one horizontal band per domain, tables placed in
 * columns by how many reads lead to them (ingested tables first, products last), an arrow per read.
 * Reads across domains are dashed. Products link to their catalog page.
 */
final class LineageSvg {
  static final int NODE_WIDTH = 200;
  static final int NODE_HEIGHT = 28;
  private static final int COLUMN_GAP = 70;
  private static final int ROW_GAP = 14;
  private static final int BAND_PADDING = 16;
  private static final int LABEL_WIDTH = 110;

  /** Where a table is drawn: its box's top-left corner. */
  record Box(TableId table, int x, int y) {}

  private LineageSvg() {}

  /**
   * Places every table: bands in domain order, columns by depth; within a band's column, tables are
   * ordered by the mean height of the tables they read (fewer crossing arrows), ingested ones by name.
   */
  static Map<TableId, Box> layout(Lineage lineage, List<String> domains) {
    Map<TableId, Integer> depth = lineage.depths();
    Map<TableId, Box> boxes = new HashMap<>();
    int top = 0;
    for (String domain : domains) {
      Map<Integer, List<TableId>> columns = new java.util.TreeMap<>();
      lineage.tables().stream().filter(t -> t.domain().equals(domain))
          .forEach(t -> columns.computeIfAbsent(depth.get(t), k -> new ArrayList<>()).add(t));
      int rows = columns.values().stream().mapToInt(List::size).max().orElse(0);
      for (Map.Entry<Integer, List<TableId>> column : columns.entrySet()) {
        List<TableId> tables = new ArrayList<>(column.getValue());
        tables.sort(java.util.Comparator.comparingDouble((TableId t) -> lineage.inputs(t).stream()
                .mapToInt(i -> boxes.get(i).y()).average().orElse(0))
            .thenComparing(TableId::name));
        for (int i = 0; i < tables.size(); i++) {
          boxes.put(tables.get(i), new Box(tables.get(i), LABEL_WIDTH + column.getKey() * (NODE_WIDTH + COLUMN_GAP),
              top + BAND_PADDING + i * (NODE_HEIGHT + ROW_GAP)));
        }
      }
      top += bandHeight(rows);
    }
    return boxes;
  }

  private static int bandHeight(int rows) {
    return 2 * BAND_PADDING + Math.max(1, rows) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  }

  /**
   * The picture.
   *
   * @param highlight a table drawn with a heavier border, if any
   * @param link the page of a product, relative to the page that shows the picture
   */
  static String svg(Lineage lineage, List<String> domains, Optional<TableId> highlight, Function<TableId, String> link) {
    Map<TableId, Box> boxes = layout(lineage, domains);
    int width = boxes.values().stream().mapToInt(b -> b.x() + NODE_WIDTH).max().orElse(LABEL_WIDTH) + 20;
    StringBuilder bands = new StringBuilder();
    int top = 0;
    for (int d = 0; d < domains.size(); d++) {
      String domain = domains.get(d);
      int rows = (int) boxes.values().stream().filter(b -> b.table().domain().equals(domain)).mapToInt(Box::y)
          .distinct().count();
      int height = bandHeight(rows);
      bands.append(String.format("<rect class=\"band\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
          + "<text class=\"domain\" x=\"10\" y=\"%d\">%s</text>%n", top, width, height, d % 2 == 0 ? "#f4f6f8" : "#eaeef2",
          top + height / 2 + 5, Html.escape(domain)));
      top += height;
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lineage\" role=\"img\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, top, width, top));
    out.append("<title>Lineage: every table of every domain and the tables it reads</title>\n")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
            + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>\n")
        .append(bands);
    for (Lineage.Edge edge : lineage.edges()) {
      Box from = boxes.get(edge.from());
      Box to = boxes.get(edge.to());
      int x1 = from.x() + NODE_WIDTH;
      int y1 = from.y() + NODE_HEIGHT / 2;
      int x2 = to.x();
      int y2 = to.y() + NODE_HEIGHT / 2;
      int bend = Math.max(30, (x2 - x1) / 2);
      boolean across = !edge.from().domain().equals(edge.to().domain());
      out.append(String.format("<path class=\"edge%s\" d=\"M %d %d C %d %d, %d %d, %d %d\" fill=\"none\" stroke=\"%s\""
              + " stroke-width=\"1.4\"%s marker-end=\"url(#arrow)\"><title>%s reads %s</title></path>%n",
          across ? " across" : "", x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2, across ? "#8a4baf" : "#666",
          across ? " stroke-dasharray=\"5 3\"" : "", edge.to().qualifiedName(), edge.from().qualifiedName()));
    }
    for (Box box : boxes.values()) {
      TableId table = box.table();
      boolean product = table.layer() == Layer.GOLD;
      String node = String.format("<g class=\"node %s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"5\""
              + " fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text><title>%s</title></g>",
          table.layer().label(), box.x(), box.y(), NODE_WIDTH, NODE_HEIGHT, fill(table.layer()),
          product ? "#9a7b00" : "#888", highlight.filter(table::equals).isPresent() ? "3" : "1", box.x() + 8,
          box.y() + NODE_HEIGHT / 2 + 4, Html.escape(shorten(table.name())), Html.escape(table.qualifiedName()));
      out.append(product ? "<a href=\"" + Html.escape(link.apply(table)) + "\">" + node + "</a>" : node).append('\n');
    }
    return out.append("</svg>\n").toString();
  }

  private static String fill(Layer layer) {
    return switch (layer) {
      case BRONZE -> "#f3dcc4";
      case SILVER -> "#e3e6ea";
      case GOLD -> "#f7dc6f";
    };
  }

  private static String shorten(String name) {
    return name.length() <= 28 ? name : name.substring(0, 27) + "…";
  }
}
