package io.meshlake.plan;

import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * The tables a SQL query reads, found by parsing it with Spark's own SQL parser (no session needed).
 * Names defined by the query's own {@code WITH} clauses are not tables and are left out.
 */
final class SqlReferences {
  private SqlReferences() {}

  /**
   * Returns the table names the query reads, as written ({@code claim_lines}, {@code member_gold.x}).
   *
   * @throws IllegalArgumentException with Spark's parse error when the SQL is invalid
   */
  static Set<String> tablesReadBy(String sql) {
    LogicalPlan plan;
    try {
      plan = CatalystSqlParser$.MODULE$.parsePlan(sql);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Set<String> tables = new LinkedHashSet<>();
    Set<String> ctes = new LinkedHashSet<>();
    visit(plan, tables, ctes);
    tables.removeAll(ctes);
    return tables;
  }

  private static void visit(LogicalPlan plan, Set<String> tables, Set<String> ctes) {
    if (plan instanceof UnresolvedRelation relation) {
      tables.add(String.join(".", JavaConverters.seqAsJavaList(relation.multipartIdentifier())));
    }
    if (plan instanceof UnresolvedWith with) {
      for (Tuple2<String, SubqueryAlias> cte : JavaConverters.seqAsJavaList(with.cteRelations())) {
        ctes.add(cte._1());
        visit(cte._2(), tables, ctes);
      }
    }
    for (LogicalPlan subquery : JavaConverters.seqAsJavaList(plan.subqueries())) {
      visit(subquery, tables, ctes);
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      visit(child, tables, ctes);
    }
  }
}
