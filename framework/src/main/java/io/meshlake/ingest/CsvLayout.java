package io.meshlake.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The declared layout of a CSV extract file: its base file name, its columns (matched to the file's
 * header by name, in any order) with types, and which are required. A file named {@code claims.csv},
 * {@code claims.<part>.csv} or either with {@code .gz} belongs to the layout whose file name is
 * {@code claims}. Records are lines: a value may be quoted but may not span lines.
 */
public record CsvLayout(String name, String fileName, List<CsvField> fields) implements ExtractFormat, Serializable {

  public CsvLayout {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("Layout " + name + " declares no fields");
    }
    Set<String> headers = new HashSet<>();
    for (CsvField f : fields) {
      if (!headers.add(f.header())) {
        throw new IllegalArgumentException("Layout " + name + " declares field " + f.header() + " twice");
      }
    }
  }

  /** Starts a layout for files named {@code <fileName>.csv}. */
  public static Builder builder(String name, String fileName) {
    return new Builder(name, fileName);
  }

  @Override
  public boolean matches(String name) {
    return Pattern.compile(Pattern.quote(fileName) + "(\\.[A-Za-z0-9_-]+)?\\.csv(\\.gz)?").matcher(name).matches();
  }

  @Override
  public String describe() {
    return "files " + fileName + "[.<part>].csv[.gz], layout " + name;
  }

  @Override
  public StructType schema() {
    List<StructField> columns = new ArrayList<>();
    for (CsvField f : fields) {
      columns.add(DataTypes.createStructField(f.column(), f.type().sparkType(), !f.required()));
    }
    return DataTypes.createStructType(columns);
  }

  /** Adds fields in order. */
  public static final class Builder {
    private final String name;
    private final String fileName;
    private final List<CsvField> fields = new ArrayList<>();

    private Builder(String name, String fileName) {
      this.name = name;
      this.fileName = fileName;
    }

    /** A column whose value may be empty. */
    public Builder optional(String header, FieldType type) {
      fields.add(new CsvField(header, type, false));
      return this;
    }

    /** A column every row must fill. */
    public Builder required(String header, FieldType type) {
      fields.add(new CsvField(header, type, true));
      return this;
    }

    /** Several optional string columns. */
    public Builder optionalStrings(String... headers) {
      for (String h : headers) {
        optional(h, FieldType.STRING);
      }
      return this;
    }

    public CsvLayout build() {
      return new CsvLayout(name, fileName, fields);
    }
  }
}
