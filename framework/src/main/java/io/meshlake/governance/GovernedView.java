package io.meshlake.governance;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.when;

import io.meshlake.governance.policy.Treatment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * The SQL of a consumer class's view of a gold product ({@link ClassView}): the minimum-necessary columns of
 * the gold table, pseudonyms and date shifts looked up in the {@link PseudonymMap} under the key of the
 * product's latest publication, masks and Safe Harbor as SQL expressions (the same {@link Mask} and {@link
 * SafeHarbor} expressions a materialised table uses), and the consent filter of the class's purpose. Nothing
 * is copied: the view reads the gold table's current version.
 *
 * @param view what the class sees of the product
 * @param gold the gold table as a SQL relation
 * @param schema the gold table's columns
 * @param keyId the id of the key the product was last published under (used when the view needs pseudonyms)
 * @param personKind the identifier kind of a person, whose date-shift bits shift a member's dates
 * @param asOf the publication date, at which Safe Harbor judges ages
 * @param consent the decisive members of the class's purpose ({@link ConsentSets}), and whether they are the
 *     ones kept; empty when nobody is filtered
 */
record GovernedView(ClassView view, String gold, StructType schema, String keyId, IdentifierKind personKind,
    LocalDate asOf, Optional<Consent> consent) {
  private static final String PSEUDONYM = "_meshlake_pseudonym_";
  private static final String SHIFT_BITS = "_meshlake_shift_bits_";

  /**
   * The consent filter.
   *
   * @param members a SQL relation with a {@code member_id} column
   * @param keep whether those members are the ones kept (opt-in) or the ones removed (opt-out)
   */
  record Consent(String members, boolean keep) {}

  /** The view's {@code SELECT}. */
  String sql(PseudonymMap map) {
    Map<String, Integer> lookups = new LinkedHashMap<>();
    Map<String, IdentifierKind> kinds = new LinkedHashMap<>();
    for (ClassView.ColumnDecision d : view.columns()) {
      if (d.treatment() == Treatment.PSEUDONYMISE) {
        kinds.put(d.column(), d.kind().orElseThrow());
      }
    }
    if (view.shiftsDates()) {
      kinds.putIfAbsent(view.personColumn().orElseThrow(), personKind);
    }
    StringBuilder from = new StringBuilder("SELECT g.*");
    StringBuilder joins = new StringBuilder(" FROM " + gold + " AS g");
    kinds.forEach((column, kind) -> {
      int i = lookups.size();
      lookups.put(column, i);
      from.append(", m").append(i).append(".pseudonym AS ").append(PSEUDONYM).append(i)
          .append(", m").append(i).append(".shift_bits AS ").append(SHIFT_BITS).append(i);
      joins.append(" LEFT JOIN ").append(map.sqlOf(keyId, kind)).append(" AS m").append(i).append(" ON m").append(i)
          .append(".id = CAST(g.").append(quote(column)).append(" AS STRING)");
    });
    from.append(joins);
    consent.ifPresent(c -> from.append(" WHERE ").append(c.keep() ? "" : "NOT ").append("EXISTS (SELECT 1 FROM ")
        .append(c.members()).append(" AS c WHERE c.member_id = g.").append(quote(view.personColumn().orElseThrow()))
        .append(")"));
    Column shiftDays = view.shiftsDates()
        ? DateShift.days(col(SHIFT_BITS + lookups.get(view.personColumn().orElseThrow())), view.maxShiftDays()) : null;
    List<String> projection = new ArrayList<>();
    for (ClassView.ColumnDecision d : view.columns()) {
      Column value = col(d.column());
      Optional<Column> shown = switch (d.treatment()) {
        case KEEP -> Optional.of(value);
        case PSEUDONYMISE -> Optional.of(pseudonym(d.column(), lookups.get(d.column())));
        case MASK -> Optional.of(ClassView.maskOf(d.category().orElseThrow()).orElseThrow().apply(value));
        case GENERALISE -> Optional.of(SafeHarbor.deidentify(value, schema.apply(d.column()).dataType(), d.column(),
            d.category().orElseThrow(), asOf, null));
        case DEIDENTIFY -> Optional.of(SafeHarbor.deidentify(value, schema.apply(d.column()).dataType(), d.column(),
            d.category().orElseThrow(), asOf, shiftDays));
        case DROP -> Optional.empty();
      };
      shown.ifPresent(c -> projection.add(c.expr().sql() + " AS " + quote(d.column())));
    }
    return "SELECT " + String.join(", ", projection) + " FROM (" + from + ") AS governed";
  }

  /**
   * The pseudonym of a column's value; a value without one (which a publication never leaves) fails the
   * query rather than showing as null.
   */
  private Column pseudonym(String column, int lookup) {
    Column found = col(PSEUDONYM + lookup);
    String missing = "A value of " + column + " in " + view.product() + " has no pseudonym under key '" + keyId
        + "': publish the product again (./meshlake run " + view.product().domain() + " --full-refresh)";
    return when(col(column).isNull(), lit(null)).when(found.isNull(), raise_error(lit(missing))).otherwise(found);
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
