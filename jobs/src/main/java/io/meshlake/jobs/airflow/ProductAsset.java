package io.meshlake.jobs.airflow;

import io.meshlake.api.Layer;
import io.meshlake.api.TableId;

/**
 * The Airflow Asset of a gold data product: {@code meshlake://claims_gold/member_month_costs}, named
 * {@code claims_gold.member_month_costs}. The producing task declares it as an outlet; DAGs of domains
 * that read the product are scheduled on it.
 */
record ProductAsset(TableId table) {
  ProductAsset {
    if (table.layer() != Layer.GOLD) {
      throw new IllegalArgumentException("Only gold tables are published as Airflow assets, not " + table
          + ": other domains may read only <domain>_gold.<product>");
    }
  }

  /** The asset's URI, e.g. {@code meshlake://member_gold/member_months}. */
  String uri() {
    return "meshlake://" + table.namespace() + "/" + table.name();
  }

  /** The asset's name, the product's qualified table name, e.g. {@code member_gold.member_months}. */
  String name() {
    return table.qualifiedName();
  }
}
