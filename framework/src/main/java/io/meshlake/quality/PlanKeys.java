package io.meshlake.quality;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionSet;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.JavaConverters;

/**
 * What Spark's optimizer proves about rows before they are computed: that some columns are a key by
 * construction, because the query groups or de-duplicates its rows on them (or on some of them). A
 * uniqueness rule on such columns holds without a pass over the rows.
 *
 * <p>The proof is Spark's own ({@code LogicalPlan.distinctKeys}, which the optimizer also uses to remove
 * redundant aggregates): it follows keys through projections, filters, semi and anti joins and joins that
 * cannot repeat a row; anything it cannot follow proves nothing and the rule is measured as usual.
 */
final class PlanKeys {
  private PlanKeys() {}

  /** Whether the rows are distinct on {@code columns} by construction. */
  static boolean unique(Dataset<Row> rows, List<String> columns) {
    // The analysed plan, optimised here rather than taken from the Dataset, which would read a cached
    // result in its place and so lose what the query that made it proves.
    LogicalPlan analysed = rows.queryExecution().analyzed();
    LogicalPlan optimised = rows.sparkSession().sessionState().optimizer().execute(analysed);
    List<Attribute> output = JavaConverters.seqAsJavaList(optimised.output());
    for (ExpressionSet key : JavaConverters.setAsJavaSet(optimised.distinctKeys())) {
      if (JavaConverters.asJavaCollection(key.toSeq()).stream().allMatch(e -> isColumnAmong(e, output, columns))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isColumnAmong(Expression expression, List<Attribute> output, List<String> columns) {
    return expression instanceof Attribute attribute
        && output.stream().anyMatch(o -> o.exprId().equals(attribute.exprId()))
        && columns.stream().anyMatch(c -> c.equalsIgnoreCase(attribute.name()));
  }
}
