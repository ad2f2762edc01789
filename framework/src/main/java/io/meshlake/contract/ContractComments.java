package io.meshlake.contract;

import io.meshlake.api.TableId;
import io.meshlake.table.TableStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * Puts a data product's contract on its table (Delta or Iceberg) where SQL users look: the contract's description
 * becomes the table comment and each column's description its column comment, so {@code DESCRIBE TABLE}
 * and {@code DESCRIBE TABLE EXTENDED} explain the product without opening the contract file.
 *
 * <p>A write that replaces the table's schema (an overwrite with {@code overwriteSchema}, as gold products
 * are published) keeps the table comment but drops column comments unless the written rows carry them:
 * write {@link #attach(Contract, Dataset) attach(contract, rows)} so they travel in the data commit, then
 * {@link #apply} finds nothing to change. {@link #apply} changes only what differs, so an unchanged
 * contract commits nothing and a re-run stays a no-op.
 */
public final class ContractComments {
  private ContractComments() {}

  /**
   * Sets the table comment and the column comments the contract describes, where they differ from the
   * table's.
   *
   * @return the number of comments changed (0 when the table already carried them: nothing committed)
   * @throws IllegalArgumentException naming the table when it does not exist or lacks a contracted column
   */
  public static int apply(TableStore store, TableId id, Contract contract) {
    if (!store.exists(id)) {
      throw new IllegalArgumentException("Cannot comment " + id + ": the table does not exist yet. Publish it first");
    }
    String table = store.sqlName(id);
    Map<String, String> current = new LinkedHashMap<>();
    for (StructField field : store.schema(id).fields()) {
      current.put(field.name(), field.getComment().isDefined() ? field.getComment().get() : "");
    }
    List<String> statements = new ArrayList<>();
    for (ContractColumn column : contract.columns()) {
      String comment = current.get(column.name());
      if (comment == null) {
        throw new IllegalArgumentException("Cannot comment " + id + "." + column.name() + ": the table has no such"
            + " column (its columns: " + String.join(", ", current.keySet()) + "). Publish the product first");
      }
      if (!comment.equals(column.description())) {
        statements.add("ALTER TABLE " + table + " ALTER COLUMN " + quoteIdentifier(column.name())
            + " COMMENT " + literal(column.description()));
      }
    }
    if (!contract.description().equals(store.description(id))) {
      statements.add("COMMENT ON TABLE " + table + " IS " + literal(contract.description()));
    }
    statements.forEach(store.spark()::sql);
    return statements.size();
  }

  /**
   * The rows with each contracted column's description as its column comment (Spark's {@code comment}
   * field metadata), so that the write that publishes them also writes the comments. Columns the
   * contract does not describe are left as they are.
   */
  public static Dataset<Row> attach(Contract contract, Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      Column column = rows.col(quoteIdentifier(field.name()));
      columns.add(contract.column(field.name())
          .map(c -> column.as(field.name(), new MetadataBuilder().withMetadata(field.metadata())
              .putString("comment", c.description()).build()))
          .orElse(column));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  private static String quoteIdentifier(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
  }
}
