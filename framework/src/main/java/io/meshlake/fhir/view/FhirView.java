package io.meshlake.fhir.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.RowEncoder;
import org.apache.spark.sql.functions;

/**
 * Runs a ViewDefinition over a Dataset of FHIR resources in Spark. The input has a string column
 * {@code resource} (one FHIR JSON resource per row) and optionally {@code resource_type}, which, when
 * present, filters rows before any JSON is parsed. Each partition compiles the view once and parses
 * each resource once; the output schema comes from the view ({@link SparkColumns}).
 *
 * <pre>{@code
 * Dataset<Row> patients = FhirView.apply(bronze, ViewDefinition.parse(Files.readString(viewFile)));
 * }</pre>
 */
public final class FhirView {
  /** The input column holding resource JSON. */
  public static final String RESOURCE = "resource";
  /** The optional input column holding the resource type. */
  public static final String RESOURCE_TYPE = "resource_type";

  private FhirView() {}

  /**
   * The Spark schema of the view's rows; compiles the view, so an invalid one is refused here.
   *
   * @throws ViewDefinitionException naming every problem of an invalid view
   */
  public static org.apache.spark.sql.types.StructType schema(ViewDefinition view) {
    return new SparkColumns(CompiledView.compile(view).columns()).schema();
  }

  /**
   * The view's rows over the resources.
   *
   * @throws ViewDefinitionException when the view is invalid (checked on the driver, before any job
   *     runs) or, when the job runs, a resource breaks it
   * @throws IllegalArgumentException when the input has no string column {@code resource}
   */
  public static Dataset<Row> apply(Dataset<Row> resources, ViewDefinition view) {
    return apply(resources, view, List.of());
  }

  /**
   * The view's rows over the resources, each followed by the values of the {@code carried} input columns of
   * the resource it comes from (e.g. its id and version, to relate the rows back to their resource).
   *
   * @throws IllegalArgumentException when the input has no string column {@code resource}, lacks a carried
   *     column, or a carried column has the name of a view column
   */
  public static Dataset<Row> apply(Dataset<Row> resources, ViewDefinition view, List<String> carried) {
    CompiledView compiled = CompiledView.compile(view);
    List<String> inputColumns = Arrays.asList(resources.columns());
    if (!inputColumns.contains(RESOURCE)) {
      throw new IllegalArgumentException("The input to a FHIR view needs a string column '" + RESOURCE
          + "' with one FHIR JSON resource per row; it has " + inputColumns);
    }
    SparkColumns spark = new SparkColumns(compiled.columns());
    List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>(Arrays.asList(spark.schema().fields()));
    for (String column : carried) {
      if (!inputColumns.contains(column) || Arrays.asList(spark.schema().fieldNames()).contains(column)) {
        throw new IllegalArgumentException("Cannot carry column '" + column + "' through view " + view.name()
            + ": the input must have it and the view must not (input " + inputColumns + ")");
      }
      fields.add(resources.schema().apply(column));
    }
    Dataset<Row> candidates = inputColumns.contains(RESOURCE_TYPE)
        ? resources.where(functions.col(RESOURCE_TYPE).equalTo(compiled.resource()))
        : resources;
    // The JSON as its UTF-8 bytes: Jackson reads them directly, without decoding a String first.
    List<org.apache.spark.sql.Column> selected = new ArrayList<>(List.of(functions.col(RESOURCE).cast("binary")));
    carried.forEach(c -> selected.add(functions.col(c)));
    // lenient: dates and timestamps are accepted as java.sql or java.time values, whatever the session's java8API setting
    return candidates.select(selected.toArray(org.apache.spark.sql.Column[]::new))
        .mapPartitions(new ViewPartition(view, spark, carried.size()),
            ExpressionEncoder.apply(RowEncoder.encoderFor(new org.apache.spark.sql.types.StructType(
                fields.toArray(org.apache.spark.sql.types.StructField[]::new)), true)));
  }

  /** Compiles the view once per partition and turns each resource into its rows. */
  private record ViewPartition(ViewDefinition view, SparkColumns spark, int carried)
      implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      CompiledView compiled = CompiledView.compile(view);
      return new Iterator<>() {
        private Iterator<Row> pending = List.<Row>of().iterator();

        @Override
        public boolean hasNext() {
          while (!pending.hasNext() && input.hasNext()) {
            Row in = input.next();
            byte[] json = in.getAs(0);
            if (json == null) {
              continue;
            }
            JsonNode resource = FhirJson.parse(json, "a resource");
            List<Row> rows = new ArrayList<>();
            for (Object[] values : compiled.rows(resource)) {
              rows.add(carried == 0 ? spark.row(values) : withCarried(spark.row(values), in));
            }
            pending = rows.iterator();
          }
          return pending.hasNext();
        }

        private Row withCarried(Row row, Row in) {
          Object[] values = new Object[row.length() + carried];
          for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
          }
          for (int i = 0; i < carried; i++) {
            values[row.length() + i] = in.get(1 + i);
          }
          return org.apache.spark.sql.RowFactory.create(values);
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return pending.next();
        }
      };
    }
  }
}
