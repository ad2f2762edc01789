package io.meshlake.ingest;

/**
 * Parses the lines of one Bulk Data NDJSON file, each a resource of the type the file name declares;
 * a resource of another type is refused, as it would otherwise be read as the file's type downstream.
 */
final class NdjsonParser implements LineParser {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final String resourceType;
  private final ResourceParser resources = new ResourceParser();

  NdjsonParser(String fileName, String resourceType) {
    this.fileName = fileName;
    this.resourceType = resourceType;
  }

  @Override
  public boolean hasHeader() {
    return false;
  }

  @Override
  public int fieldCount() {
    return ResourceParser.FIELDS;
  }

  @Override
  public String parse(String line, Object[] values) {
    if (line.isBlank()) {
      return "empty line";
    }
    String reason = resources.parse(line, values);
    if (reason == null && !resourceType.equals(values[0])) {
      return "resourceType " + values[0] + " in " + fileName + ", a file of " + resourceType
          + " resources: write it to a " + values[0] + " file";
    }
    return reason;
  }
}
