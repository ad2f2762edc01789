package io.meshlake.governance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The minimum necessary view of a product for a consumer class (45 CFR 164.502(b)): only the columns its
 * {@link Grant} names, each treated as granted, in one projection.
 */
public final class MinimumNecessary {
  private final Pseudonymiser pseudonymiser;
  private final SafeHarbor safeHarbor;

  /**
   * @param pseudonymiser for {@link ColumnTreatment.Pseudonymise} columns
   * @param safeHarbor for {@link ColumnTreatment.Deidentify} columns
   */
  public MinimumNecessary(Pseudonymiser pseudonymiser, SafeHarbor safeHarbor) {
    this.pseudonymiser = pseudonymiser;
    this.safeHarbor = safeHarbor;
  }

  /**
   * The columns the grant names, treated, in the grant's order.
   *
   * @throws IllegalArgumentException naming every granted column the product does not have
   */
  public Dataset<Row> project(Dataset<Row> product, Grant grant) {
    Columns.requireAll(product, grant.columns().keySet(), "grant " + grant.consumerClass());
    Map<String, IdentifierCategory> deidentified = new HashMap<>();
    grant.columns().forEach((name, treatment) -> {
      if (treatment instanceof ColumnTreatment.Deidentify d) {
        deidentified.put(name, d.category());
      }
    });
    Dataset<Row> source = deidentified.isEmpty() ? product : safeHarbor.apply(product, deidentified);
    List<Column> projection = new ArrayList<>();
    for (Map.Entry<String, ColumnTreatment> granted : grant.columns().entrySet()) {
      if (!(granted.getValue() instanceof ColumnTreatment.Drop)) {
        projection.add(treat(source.col(granted.getKey()), granted.getValue()).as(granted.getKey()));
      }
    }
    return source.select(projection.toArray(Column[]::new));
  }

  /** The treated value; de-identified columns already are. */
  private Column treat(Column value, ColumnTreatment treatment) {
    if (treatment instanceof ColumnTreatment.Pseudonymise p) {
      return pseudonymiser.pseudonym(value, p.kind());
    }
    if (treatment instanceof ColumnTreatment.Masked m) {
      return m.mask().apply(value);
    }
    return value;
  }
}
