package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Removes the rows of members who have not consented to a product's purpose.
 *
 * <p>Consent decisions are rows of {@link #CONSENT_SCHEMA}:
 *
 * <ul>
 *   <li>{@code member_id} — the member the decision is about;
 *   <li>{@code purpose} — the purpose it covers, e.g. {@code research}; null covers every purpose;
 *   <li>{@code decision} — {@code permit} or {@code deny} (any other value counts as {@code deny});
 *   <li>{@code effective_from}, {@code effective_to} — the dates it applies on, both inclusive; null is
 *       unbounded;
 *   <li>{@code recorded_at} — when it was made.
 * </ul>
 *
 * Of a member's decisions that cover the purpose and are in effect on {@code asOf}, the latest recorded
 * wins (a deny wins a tie). A member with no such decision is included under
 * {@link ConsentModel#OPT_OUT} and excluded under {@link ConsentModel#OPT_IN}. One aggregation of the
 * consents and one join; nothing is collected.
 *
 * @param purpose the product's purpose
 * @param model what no decision means
 * @param asOf the date decisions must be in effect on, normally the publication date
 */
public record ConsentFilter(String purpose, ConsentModel model, LocalDate asOf) {
  /** The columns of a consent table (further columns are ignored). */
  public static final StructType CONSENT_SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("member_id", DataTypes.StringType, false),
      DataTypes.createStructField("purpose", DataTypes.StringType, true),
      DataTypes.createStructField("decision", DataTypes.StringType, false),
      DataTypes.createStructField("effective_from", DataTypes.DateType, true),
      DataTypes.createStructField("effective_to", DataTypes.DateType, true),
      DataTypes.createStructField("recorded_at", DataTypes.TimestampType, false)));

  public ConsentFilter {
    if (purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("A consent filter needs the product's purpose, e.g. research");
    }
  }

  /**
   * The rows of {@code input} whose member may be in a product of this purpose.
   *
   * @param memberColumn the column of {@code input} holding the member id
   * @param consents rows with the columns of {@link #CONSENT_SCHEMA}
   * @throws IllegalArgumentException naming a missing column of either input
   */
  public Dataset<Row> apply(Dataset<Row> input, String memberColumn, Dataset<Row> consents) {
    Columns.require(input, memberColumn, "filter by consent on");
    Dataset<Row> decisive = decisive(consents).select(col("member_id").as("_consent_member_id"));
    Column sameMember = input.col(memberColumn).equalTo(decisive.col("_consent_member_id"));
    return input.join(decisive, sameMember, keepsDecisive() ? "left_semi" : "left_anti");
  }

  /**
   * The members ({@code member_id}) whose decision settles the filter: those who permit under {@link
   * ConsentModel#OPT_IN} (only they are kept), those who deny under {@link ConsentModel#OPT_OUT} (only they are
   * removed).
   *
   * @throws IllegalArgumentException naming a missing column of {@code consents}
   */
  public Dataset<Row> decisive(Dataset<Row> consents) {
    Columns.requireAll(consents, List.of(CONSENT_SCHEMA.fieldNames()), "read consents from");
    return latestDecisions(consents).where(col("permits").equalTo(lit(keepsDecisive()))).select("member_id");
  }

  /** Whether the {@link #decisive} members are the ones kept (opt-in) rather than the ones removed (opt-out). */
  public boolean keepsDecisive() {
    return model == ConsentModel.OPT_IN;
  }

  /** Per member, whether the latest decision in effect for the purpose permits. */
  private Dataset<Row> latestDecisions(Dataset<Row> consents) {
    Column day = lit(Date.valueOf(asOf));
    Column permits = lower(col("decision")).equalTo("permit");
    return consents
        .where(col("purpose").isNull().or(col("purpose").equalTo(purpose)))
        .where(col("effective_from").isNull().or(col("effective_from").leq(day)))
        .where(col("effective_to").isNull().or(col("effective_to").geq(day)))
        .groupBy("member_id")
        .agg(max_by(permits, struct(col("recorded_at"), not(permits))).as("permits"));
  }
}
