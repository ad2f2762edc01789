package io.meshlake.run;

import io.meshlake.api.DerivedTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.collection.JavaConverters;

/**
 * Enforces domain isolation on Java transforms at run time, as the planner does for SQL files: the
 * plan a transform returns may read table files only under its declared inputs' locations, so code
 * cannot reach another domain's silver through {@code spark().table(...)} or a path. An Iceberg table
 * (Spark's DataSource V2 API) is checked by its location the same way; any other V2 catalog table is never
 * a declared input and is refused by name.
 */
final class InputGuard {
  private InputGuard() {}

  /**
   * @throws IllegalStateException naming each undeclared location the result reads
   */
  static void check(DerivedTable table, Dataset<Row> result, Collection<String> declaredLocations) {
    List<String> allowed = declaredLocations.stream().map(InputGuard::normalize).toList();
    List<String> undeclared = new ArrayList<>();
    for (LogicalPlan leaf : JavaConverters.seqAsJavaList(result.queryExecution().analyzed().collectLeaves())) {
      if (leaf instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
        for (Path root : JavaConverters.seqAsJavaList(files.location().rootPaths())) {
          if (!isUnder(normalize(root.toString()), allowed)) {
            undeclared.add(root.toString());
          }
        }
      } else if (leaf instanceof DataSourceV2Relation catalogTable) {
        boolean declared = catalogTable.table() instanceof SparkTable iceberg
            && isUnder(normalize(iceberg.table().location()), allowed);
        if (!declared) {
          undeclared.add(catalogTable.table().name());
        }
      }
    }
    if (!undeclared.isEmpty()) {
      throw new IllegalStateException(table.id() + "'s transform reads " + String.join(", ", undeclared)
          + ", which is not one of its declared inputs. Read inputs through context.input(name), and declare"
          + " each with from(...): another domain's tables only through their gold products");
    }
  }

  private static boolean isUnder(String path, List<String> locations) {
    return locations.stream().anyMatch(l -> path.equals(l) || path.startsWith(l + "/"));
  }

  private static String normalize(String location) {
    String path = new Path(location).toUri().getPath();
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
