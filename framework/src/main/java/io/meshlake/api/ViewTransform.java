package io.meshlake.api;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import io.meshlake.config.ClasspathResources;
import io.meshlake.fhir.view.FhirView;
import io.meshlake.fhir.view.ViewDefinition;
import io.meshlake.fhir.view.ViewDefinitionException;
import io.meshlake.ingest.FhirResources;
import io.meshlake.ingest.IngestColumns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A transform written as a SQL on FHIR v2 ViewDefinition (JSON) in a file of the domain module, under
 * {@code src/main/resources/meshlake/<domain>/}: the view's rows over the latest version of each
 * resource ({@link Deduplicate#latestFhirVersion}) of one bronze FHIR table. Declared with
 * {@link Table#view(String)}; Java transforms that need a view's rows among other work load one with
 * {@link #load} and call {@link #over}.
 *
 * @param resource the classpath resource the view was read from
 * @param input the name of the bronze table the view reads (the table's one input)
 * @param view the parsed view; it is compiled, and checked, when loaded
 */
public record ViewTransform(String resource, String input, ViewDefinition view) implements Transform {
  private static final String CARRIED_ID = "__meshlake_resource_id";
  private static final String CARRIED_VERSION = "__meshlake_resource_version";
  private static final String LATEST_ID = "__meshlake_latest_id";
  private static final String LATEST_VERSION = "__meshlake_latest_version";
  private static final String VERSIONS = "__meshlake_versions";
  /** The most resources with several versions whose latest versions are collected and broadcast. */
  private static final int BROADCAST_LIMIT = 100_000;

  /**
   * Loads and checks {@code meshlake/<domain>/<path>} from the classpath.
   *
   * @throws IllegalArgumentException naming the resource and where to put it when it is missing, or
   *     naming every problem of an invalid view
   */
  public static ViewTransform load(String domain, String path, String input) {
    String resource = "meshlake/" + domain + "/" + path;
    ViewDefinition view = ClasspathResources.read(resource, in -> parse(resource, in))
        .orElseThrow(() -> new IllegalArgumentException("ViewDefinition " + resource + " is not on the classpath: put it"
            + " in domains/" + domain + "/src/main/resources/" + resource));
    return new ViewTransform(resource, input, view);
  }

  private static ViewDefinition parse(String resource, InputStream in) {
    try {
      ViewDefinition view = ViewDefinition.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      FhirView.schema(view); // compiles the FHIRPath and the column types now, not when a run reaches the table
      return view;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read ViewDefinition " + resource, e);
    } catch (ViewDefinitionException e) {
      throw new IllegalArgumentException("ViewDefinition " + resource + " is invalid: " + e.getMessage(), e);
    }
  }

  @Override
  public Dataset<Row> apply(TransformContext context) {
    return over(context.input(input));
  }

  /**
   * The view's rows over the latest version of each resource of these bronze rows (the version {@link
   * Deduplicate#latestFhirVersion} picks). The view runs first; only resources delivered in several versions
   * need their latest picked, and those are found by an aggregation of narrow columns. When they are few (the
   * usual case: an extract holds each resource once) their latest versions are collected and broadcast, so
   * the view's rows are filtered where they are made and never shuffled; otherwise the rows are joined with
   * the latest version of every resource.
   */
  public Dataset<Row> over(Dataset<Row> bronzeRows) {
    return over(bronzeRows, BROADCAST_LIMIT);
  }

  /** {@link #over(Dataset)}, broadcasting the latest versions of at most {@code broadcastLimit} resources. */
  Dataset<Row> over(Dataset<Row> bronzeRows, int broadcastLimit) {
    List<Column> order = new ArrayList<>(List.of(col(FhirResources.LAST_UPDATED),
        expr("try_cast(" + FhirResources.VERSION_ID + " AS BIGINT)")));
    IngestColumns.ARRIVAL_ORDER.forEach(c -> order.add(col(c)));
    // a struct orders field by field, nulls first: its maximum is the version latestFhirVersion ranks first
    Dataset<Row> resources = bronzeRows.where(col(FhirResources.RESOURCE_TYPE).equalTo(view.resource()))
        .select(col(FhirResources.RESOURCE), col(FhirResources.ID).as(CARRIED_ID),
            struct(order.toArray(Column[]::new)).as(CARRIED_VERSION));
    Dataset<Row> latest = resources.groupBy(col(CARRIED_ID).as(LATEST_ID))
        .agg(max(col(CARRIED_VERSION)).as(LATEST_VERSION), count(lit(1)).as(VERSIONS));
    Dataset<Row> rows = FhirView.apply(resources, view, List.of(CARRIED_ID, CARRIED_VERSION));
    Dataset<Row> repeated = latest.where(col(VERSIONS).gt(1)).drop(VERSIONS);
    List<Row> few = repeated.limit(broadcastLimit + 1).collectAsList();
    Dataset<Row> kept;
    if (few.size() <= broadcastLimit) {
      Dataset<Row> local = bronzeRows.sparkSession().createDataFrame(few, repeated.schema());
      kept = rows.join(broadcast(local), rows.col(CARRIED_ID).equalTo(local.col(LATEST_ID)), "left_outer")
          .where(col(LATEST_ID).isNull().or(rows.col(CARRIED_VERSION).eqNullSafe(local.col(LATEST_VERSION))));
    } else {
      Dataset<Row> all = latest.drop(VERSIONS);
      kept = rows.join(all, rows.col(CARRIED_ID).equalTo(all.col(LATEST_ID))
          .and(rows.col(CARRIED_VERSION).eqNullSafe(all.col(LATEST_VERSION))));
    }
    return kept.drop(CARRIED_ID, CARRIED_VERSION, LATEST_ID, LATEST_VERSION);
  }
}
