package io.meshlake.api;

import io.meshlake.config.ClasspathResources;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A transform written as one Spark SQL query in a file of the domain module, under
 * {@code src/main/resources/meshlake/<domain>/}. The query refers to its inputs by table name; the
 * planner checks that it reads nothing else.
 */
public record SqlTransform(String resource, String sql) implements Transform {

  /**
   * Loads {@code meshlake/<domain>/<path>} from the classpath.
   *
   * @throws IllegalArgumentException naming the resource and where to put it when it is missing
   */
  public static SqlTransform load(String domain, String path) {
    String resource = "meshlake/" + domain + "/" + path;
    return ClasspathResources.text(resource).map(sql -> new SqlTransform(resource, sql))
        .orElseThrow(() -> new IllegalArgumentException("SQL file " + resource + " is not on the classpath: put it in"
            + " domains/" + domain + "/src/main/resources/" + resource));
  }

  @Override
  public Dataset<Row> apply(TransformContext context) {
    return context.spark().sql(sql);
  }
}
