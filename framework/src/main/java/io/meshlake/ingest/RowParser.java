package io.meshlake.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns lines of one file into typed values of its layout, or a reason why a line does not fit. Built
 * from the file's header, so columns are matched by name whatever their order.
 */
final class RowParser implements LineParser {
  private static final long serialVersionUID = 1L;

  private final List<CsvField> fields;
  private final int[] positions; // file column of each layout field, -1 when the file lacks it
  private final int fileColumns;

  private RowParser(List<CsvField> fields, int[] positions, int fileColumns) {
    this.fields = fields;
    this.positions = positions;
    this.fileColumns = fileColumns;
  }

  /**
   * Maps a file's header to the layout.
   *
   * @throws MalformedExtractException when the header lacks a required column of the layout
   */
  static RowParser forHeader(CsvLayout layout, String file, String headerLine) {
    List<String> header = CsvLine.split(stripBom(headerLine), ',');
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i).trim(), i);
    }
    int[] positions = new int[layout.fields().size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      CsvField field = layout.fields().get(i);
      positions[i] = index.getOrDefault(field.header(), -1);
      if (positions[i] < 0 && field.required()) {
        missing.add(field.header());
      }
    }
    if (!missing.isEmpty()) {
      throw new MalformedExtractException(
          file + " does not fit layout " + layout.name() + ": its header lacks required column(s) "
              + missing + ". Header found: " + header
              + ". Check that the file belongs to this layout, or fix the extract.");
    }
    return new RowParser(layout.fields(), positions, header.size());
  }

  /** The layout fields the file does not have; they are left empty. */
  List<String> absentFields() {
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] < 0) {
        absent.add(fields.get(i).header());
      }
    }
    return absent;
  }

  @Override
  public boolean hasHeader() {
    return true;
  }

  @Override
  public int fieldCount() {
    return fields.size();
  }

  @Override
  public String parse(String line, Object[] values) {
    if (line.isEmpty()) {
      return "empty line";
    }
    List<String> cells;
    try {
      cells = CsvLine.split(line, ',');
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    if (cells.size() != fileColumns) {
      return "wrong column count: " + cells.size() + " values, the header has " + fileColumns;
    }
    for (int i = 0; i < positions.length; i++) {
      CsvField field = fields.get(i);
      String text = positions[i] < 0 ? "" : cells.get(positions[i]);
      if (text.isEmpty()) {
        if (field.required()) {
          return "missing required value in " + field.header();
        }
        values[i] = null;
        continue;
      }
      try {
        values[i] = field.type().parse(text);
      } catch (IllegalArgumentException e) {
        return "unparsable value '" + abbreviate(text) + "' in " + field.header() + ": " + e.getMessage();
      }
    }
    return null;
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  static String stripBom(String line) {
    return !line.isEmpty() && line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
  }
}
