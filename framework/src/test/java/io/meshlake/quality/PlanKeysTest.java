package io.meshlake.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshlake.testing.SparkTestBase;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class PlanKeysTest extends SparkTestBase {
  private Dataset<Row> lines() {
    return spark().sql("SELECT * FROM VALUES ('m1', 1, 10.0), ('m1', 1, 5.0), ('m2', 2, 1.0) AS t(member, month, amount)");
  }

  @Test
  void groupedRowsAreUniqueOnTheirGroupingColumnsAndAnySupersetOfThem() {
    Dataset<Row> costs = lines().groupBy("member", "month").sum("amount").withColumnRenamed("sum(amount)", "cost");

    assertThat(PlanKeys.unique(costs, List.of("member", "month"))).isTrue();
    assertThat(PlanKeys.unique(costs, List.of("MONTH", "member", "cost"))).as("a superset, any case").isTrue();
    assertThat(PlanKeys.unique(costs.where("cost > 2"), List.of("member", "month"))).as("through a filter").isTrue();
    assertThat(PlanKeys.unique(lines().distinct(), List.of("member", "month", "amount"))).as("distinct rows").isTrue();
  }

  @Test
  void provesNothingItCannotFollow() {
    Dataset<Row> costs = lines().groupBy("member", "month").sum("amount");

    assertThat(PlanKeys.unique(costs, List.of("member"))).as("a subset of the grouping").isFalse();
    assertThat(PlanKeys.unique(lines(), List.of("member", "month"))).as("not grouped; in fact repeated").isFalse();
    assertThat(PlanKeys.unique(costs.selectExpr("substr(member, 1, 1) AS member", "month"), List.of("member", "month")))
        .as("a key column computed from the grouping column").isFalse();
    assertThat(PlanKeys.unique(costs.union(costs), List.of("member", "month"))).as("a union repeats rows").isFalse();
  }

  @Test
  void aCachedResultStillCarriesTheProofOfTheQueryThatMadeIt() {
    Dataset<Row> costs = lines().groupBy("member", "month").sum("amount").persist();
    try {
      costs.count();
      assertThat(PlanKeys.unique(costs, List.of("member", "month"))).isTrue();
    } finally {
      costs.unpersist();
    }
  }
}
