package io.meshlake.catalog;

import io.meshlake.api.DerivedTable;
import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.quality.RuleFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A gold data product as the catalog describes it, from its declarations alone: contract, rule file,
 * neighbouring products in the lineage graph, and where its table lives.
 *
 * @param table the declaration (write mode, inputs, contract)
 * @param rules its rule file ({@code quality-rules/<domain>/<product>.yaml}), or none
 * @param upstream the nearest products it is computed from (through its domain's own tables), any domain
 * @param downstream the nearest products computed from it, any domain
 * @param format the table format, {@code delta} or {@code iceberg}
 * @param location the table's folder as the environment declares it (Delta: in the warehouse; Iceberg: under the
 *     environment's Iceberg warehouse), known without Spark; where an existing table actually is, the live Iceberg
 *     catalog's answer included, is {@link ProductRuns#location(DataProduct)}
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
   * <who>}, {@code column <name>} (name or description) or {@code SLO <kind>}. Empty when it does not.
   */
  public List<String> matches(String text) {
    String needle = text.toLowerCase(Locale.ROOT);
    List<String> where = new ArrayList<>();
    texts().forEach((place, texts) -> {
      if (texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle))) {
        where.add(place);
      }
    });
    return where;
  }

  /** Everything {@link #matches} looks at, as one lower-case text (for a page's own filter). */
  public String searchText() {
    return texts().values().stream().flatMap(List::stream).collect(Collectors.joining(" ")).toLowerCase(Locale.ROOT);
  }

  private Map<String, List<String>> texts() {
    Contract c = contract();
    Map<String, List<String>> texts = new LinkedHashMap<>();
    texts.put("name", List.of(id().qualifiedName()));
    texts.put("owner", List.of(c.owner()));
    texts.put("description", List.of(c.description()));
    c.consumers().forEach(consumer -> texts.put("consumer " + consumer, List.of(consumer)));
    c.columns().forEach(col -> texts.put("column " + col.name(), List.of(col.name(), col.description())));
    c.slos().forEach(slo -> texts.put("SLO " + slo.kind().label(), List.of(slo.objective())));
    return texts;
  }
}
