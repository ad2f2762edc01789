package io.meshlake.governance;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.TableId;
import io.meshlake.table.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.spark.source.SparkTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.execution.CommandExecutionMode;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.collection.JavaConverters;

/**
 * A SQL session as one consumer class ({@code meshlake sql --as <class>}): the gold products are
 * registered under their usual names ({@code claims_gold.member_month_costs}), each resolving to the
 * class's view ({@link Governor#viewSql}), its table (an aggregate with small cells suppressed) or the gold
 * table (for a class that sees it unchanged), and nothing else. A query
 * may only read those tables: commands, other tables or files, Java reflection and external programs
 * ({@code TRANSFORM ... USING}) are refused with the list of what is allowed. Every query, allowed or refused, is recorded in the audit log.
 */
public final class ConsumerSession implements AutoCloseable {
  private final Warehouse store;
  private final Governor governor;
  private final String consumerClass;
  /** The location of each table the class may query, by name; {@link #VIEW} for a view of the class. */
  private final Map<String, String> tables;
  private static final String VIEW = "(view)";

  private ConsumerSession(Warehouse store, Governor governor, String consumerClass, Map<String, String> tables) {
    this.store = store;
    this.governor = governor;
    this.consumerClass = consumerClass;
    this.tables = tables;
  }

  /**
   * Registers the class's view of every published product.
   *
   * @param products the gold products of every domain
   * @param warn where to say that a class table lags behind its product
   * @throws IllegalArgumentException naming the classes when the class does not exist
   */
  public static ConsumerSession open(Warehouse store, Governor governor, String consumerClass,
      List<DerivedTable> products, Consumer<String> warn) {
    governor.policies().consumerClass(consumerClass);
    Map<String, String> tables = new LinkedHashMap<>();
    for (DerivedTable product : products) {
      TableId id = product.id();
      if (!store.exists(id)) {
        continue;
      }
      ClassView view = ClassView.resolve(governor.policies(), consumerClass, id, product.contract().orElseThrow());
      String republish = ": publish it again (./meshlake run " + id.domain() + ")";
      if (view.identity()) {
        store.register(id); // the gold table itself (an Iceberg product's view of it)
        tables.put(id.qualifiedName(), store.location(id));
      } else if (Governor.materialises(view)) {
        String location = governor.location(view, product.contract().orElseThrow());
        Optional<Long> derivedFrom = governor.derivedFrom(view, product.contract().orElseThrow());
        if (derivedFrom.isEmpty()) {
          warn.accept(id + " has no " + consumerClass + " table yet" + republish);
          continue;
        }
        long current = store.version(id).orElseThrow();
        if (derivedFrom.get() != current) {
          warn.accept("The " + consumerClass + " table of " + id + " was derived from version " + derivedFrom.get()
              + " but the product is at version " + current + republish);
        }
        store.unregister(id);
        store.spark().sql("CREATE DATABASE IF NOT EXISTS " + id.namespace());
        store.spark().sql("CREATE TABLE " + id.qualifiedName() + " USING delta LOCATION '"
            + location.replace("'", "\\'") + "'");
        tables.put(id.qualifiedName(), location);
      } else {
        Optional<String> sql = governor.viewSql(view);
        if (sql.isEmpty()) {
          warn.accept(id + " has no " + consumerClass + " view yet (it was published before views or consent sets)"
              + republish);
          continue;
        }
        store.unregister(id);
        store.spark().sql("CREATE DATABASE IF NOT EXISTS " + id.namespace());
        store.spark().sql("CREATE VIEW " + id.qualifiedName() + " AS " + sql.get());
        tables.put(id.qualifiedName(), VIEW);
      }
    }
    return new ConsumerSession(store, governor, consumerClass, tables);
  }

  /** The tables the class may query, by name. */
  public List<String> tables() {
    return List.copyOf(tables.keySet());
  }

  /**
   * Runs a query as the class, after checking and recording it.
   *
   * @throws IllegalArgumentException saying what was refused and what is allowed
   */
  public Dataset<Row> query(String sql) {
    LogicalPlan parsed;
    try {
      parsed = store.spark().sessionState().sqlParser().parsePlan(sql);
    } catch (Exception e) {
      throw refused(sql, List.of(), firstLine(e), e);
    }
    if (parsed instanceof Command) { // refused before analysis, which may fail first on what the command targets
      throw refused(sql, List.of(), "it is a command (" + parsed.nodeName() + "), not a query", null);
    }
    LogicalPlan analyzed;
    try {
      analyzed = store.spark().sessionState().executePlan(parsed, CommandExecutionMode.SKIP()).analyzed();
    } catch (Exception e) { // AnalysisException (checked in Java's eyes, though Scala throws it freely)
      throw refused(sql, List.of(), firstLine(e), e);
    }
    List<String> problems = new ArrayList<>();
    List<String> read = new ArrayList<>();
    check(analyzed, problems, read);
    if (!problems.isEmpty()) {
      throw refused(sql, read, String.join("; ", problems), null);
    }
    record(sql, "allowed", read, "");
    return store.spark().sql(sql);
  }

  /** Records a refused query and says why, and what is allowed. */
  private IllegalArgumentException refused(String sql, List<String> read, String reason, Exception cause) {
    record(sql, "refused", read, reason);
    return new IllegalArgumentException("Query refused for class " + consumerClass + ": " + reason + ". " + allowed(),
        cause);
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceAll("[.\\s]+$", "");
  }

  private String allowed() {
    return "As " + consumerClass + " you may only run queries (SELECT ... or WITH ...) over "
        + (tables.isEmpty() ? "nothing yet: no product has been published" : String.join(", ", tables.keySet()));
  }

  /** Walks the plan, its subqueries and their expressions, noting what it reads and what is not allowed. */
  private void check(LogicalPlan plan, List<String> problems, List<String> read) {
    if (plan instanceof View view && view.desc().identifier().database().isDefined()) {
      String name = view.desc().identifier().database().get() + "." + view.desc().identifier().table();
      if (tables.containsKey(name)) {
        read.add(name); // one of the class's views, which this session defined: what it reads is governed
        return;
      }
    }
    if (plan instanceof Command) {
      problems.add("it is a command (" + plan.nodeName() + "), not a query");
    }
    if (plan.getClass().getSimpleName().contains("ScriptTransformation")) {
      problems.add("it runs a program (TRANSFORM ... USING)");
    }
    if (plan.children().isEmpty()) {
      leaf(plan, problems, read);
    }
    for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
      expression(e, problems);
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      check(child, problems, read);
    }
    for (LogicalPlan subquery : JavaConverters.seqAsJavaList(plan.subqueries())) {
      check(subquery, problems, read);
    }
  }

  private void leaf(LogicalPlan leaf, List<String> problems, List<String> read) {
    List<String> paths = new ArrayList<>();
    if (leaf instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
      JavaConverters.seqAsJavaList(files.location().rootPaths()).forEach(p -> paths.add(p.toString()));
    } else if (leaf instanceof DataSourceV2Relation relation && relation.table() instanceof DeltaTableV2 delta) {
      paths.add(delta.path().toString());
    } else if (leaf instanceof DataSourceV2Relation relation && relation.table() instanceof SparkTable iceberg) {
      paths.add(iceberg.table().location());
    } else if (leaf instanceof LocalRelation || leaf instanceof OneRowRelation || leaf instanceof Range) {
      return;
    } else {
      problems.add("it reads " + leaf.nodeName() + ", which is none of the class's tables");
      return;
    }
    for (String path : paths) {
      Optional<String> table = tables.entrySet().stream().filter(t -> under(path, t.getValue())).map(Map.Entry::getKey)
          .findFirst();
      if (table.isPresent()) {
        read.add(table.get());
      } else {
        problems.add("it reads " + path + ", which is none of the class's tables");
      }
    }
  }

  private static void expression(Expression e, List<String> problems) {
    String name = e.getClass().getSimpleName();
    if (name.contains("Reflection")) {
      problems.add("it calls Java methods (" + e.prettyName() + ")");
    }
    for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
      expression(child, problems);
    }
  }

  private static boolean under(String path, String location) {
    String p = normalise(path);
    String l = normalise(location);
    return p.equals(l) || p.startsWith(l + "/");
  }

  private static String normalise(String location) {
    String p = new Path(location).toUri().getPath();
    return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private void record(String sql, String status, List<String> read, String reason) {
    governor.auditLog().append(List.of(new AuditEvent(AuditKind.QUERY, System.getProperty("user.name", "unknown"),
        Map.of("class", consumerClass, "query", sql, "status", status, "tables", read.stream().distinct().sorted().toList(),
            "reason", reason))));
  }

  /** Gives each product's name back to its gold table, so the session's catalog is as before. */
  @Override
  public void close() {
    tables.keySet().forEach(name -> store.register(TableId.parse(name)));
  }
}
