package io.meshlake.catalog;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.quality.RuleFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A gold data product as the catalog describes it, from its declarations alone: contract, rule file,
 * neighbouring products in the lineage graph, and where its table lives.
 *
 * @param table the declaration (write mode, inputs, contract)
 * @param rules its rule file ({@code quality-rules/<domain>/<product>.yaml}), or none
 * @param upstream the nearest products it is computed from (through its domain's own tables), any domain
 * @param downstream the nearest products computed from it, any domain
 * @param format the table format, e.g. {@code delta}
 * @param location the table's folder in the warehouse
 */
public record DataProduct(DerivedTable table, RuleFile rules, List<TableId> upstream, List<TableId> downstream,
    String format, String location) {
  public DataProduct {
    Objects.requireNonNull(table.contract().orElse(null), () -> table.id() + " has no contract: it is not a product");
    upstream = List.copyOf(upstream);
    downstream = List.copyOf(downstream);
  }

  public TableId id() {
    return table.id();
  }

  public Contract contract() {
    return table.contract().orElseThrow();
  }

  /**
   * Where {@code text} (any case) occurs: {@code name}, {@code owner}, {@code description}, {@code consumer
   * <who>} or {@code column <name>} (name or description). Empty when it does not.
   */
  public List<String> matches(String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    Contract c = contract();
    List<String> where = new ArrayList<>();
    addIf(where, "name", needle, id().qualifiedName());
    addIf(where, "owner", needle, c.owner());
    addIf(where, "description", needle, c.description());
    c.consumers().forEach(consumer -> addIf(where, "consumer " + consumer, needle, consumer));
    c.columns().forEach(col -> addIf(where, "column " + col.name(), needle, col.name(), col.description()));
    return where;
  }

  private static void addIf(List<String> where, String place, String needle, String... texts) {
    for (String text : texts) {
      if (text.toLowerCase(Locale.ROOT).contains(needle)) {
        where.add(place);
        return;
      }
    }
  }
}
