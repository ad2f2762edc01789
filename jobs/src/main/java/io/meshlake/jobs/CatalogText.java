package io.meshlake.jobs;

import io.meshlake.api.TableId;
import io.meshlake.catalog.Catalog;
import io.meshlake.catalog.DataProduct;
import io.meshlake.catalog.ProductRuns;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.Slo;
import io.meshlake.quality.QualityHistory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The catalog as the terminal shows it: {@code catalog list}, {@code show} and {@code search}. */
final class CatalogText {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private CatalogText() {}

  static String list(Catalog catalog, Map<TableId, ProductRuns> runs, String warehouse) {
    StringBuilder out = new StringBuilder(String.format("%d data product(s) in %d domain(s)%s%n",
        catalog.products().size(), catalog.domains().size(), runs.isEmpty()
            ? "; no runs recorded in " + warehouse + " (freshness and quality appear after ./meshlake run <domain>)"
            : "; runs from " + warehouse));
    for (String domain : catalog.domains()) {
      out.append(String.format("%n%s%n", domain));
      for (DataProduct product : catalog.products(domain)) {
        Contract c = product.contract();
        out.append(String.format("  %-34s v%-7s %s%n", product.id().qualifiedName(), c.version(), c.owner()));
        if (!runs.isEmpty()) {
          ProductRuns observed = runs.getOrDefault(product.id(), ProductRuns.NEVER_BUILT);
          out.append(String.format("  %-34s published %s; gate %s%s%n", "", published(observed.publishedAt()),
              gate(observed), observed.quality().map(q -> "; SLOs " + attainment(q)).orElse("")));
        }
      }
    }
    return out.toString();
  }

  static String show(Catalog catalog, DataProduct product, ProductRuns observed, String warehouse, boolean recorded) {
    Contract c = product.contract();
    StringBuilder out = new StringBuilder();
    out.append(String.format("%s  v%s%n%n%s%n%n", product.id().qualifiedName(), c.version(), wrap(c.description(), 100)));
    String row = "%-22s %s%n";
    out.append(String.format(row, "Owner", c.owner()))
        .append(String.format(row, "Domain", c.domain()))
        .append(String.format(row, "Primary key", c.primaryKey().isEmpty() ? "none" : String.join(", ", c.primaryKey())))
        .append(String.format(row, "Table", product.format() + " at " + observed.location(product)))
        .append(String.format(row, "Freshness", !recorded ? "unknown: no runs recorded in " + warehouse
            : "last published " + published(observed.publishedAt())
                + observed.version().map(v -> ", table version " + v).orElse("")
                + observed.lastBuild().map(s -> "; latest build " + s
                    + observed.lastBuildAt().map(t -> " at " + TIME.format(t)).orElse("")).orElse("")))
        .append(String.format(row, "Quality gate", recorded ? gate(observed) : "unknown: no runs recorded"))
        .append(String.format(row, "Consumer classes", catalog.consumerClasses(product.id())
            .map(classes -> String.join(", ", classes))
            .orElse("not set: no governance policy names this product yet")))
        .append(String.format(row, "Known consumers", c.consumers().isEmpty() ? "none listed" : String.join("; ", c.consumers())))
        .append(String.format(row, "Upstream products", names(product.upstream())))
        .append(String.format(row, "Downstream products", names(product.downstream())));
    out.append("\nSchema\n");
    int width = c.columns().stream().mapToInt(col -> col.name().length()).max().orElse(6);
    String columnRow = "  %-" + width + "s  %-15s %-8s %-10s %s%n";
    out.append(String.format(columnRow, "column", "type", "required", "class", "meaning"));
    for (ContractColumn col : c.columns()) {
      out.append(String.format(columnRow, col.name(), col.type(), col.required() ? "yes" : "", col.classification().label(),
          col.description()));
    }
    out.append("\nService levels\n");
    if (c.slos().isEmpty()) {
      out.append("  none promised\n");
    }
    Optional<QualityHistory> quality = observed.quality();
    for (Slo slo : c.slos()) {
      Optional<QualityHistory.Attainment> attained = quality.flatMap(q -> q.attainment().stream()
          .filter(a -> a.slo().equals(slo.kind().label())).findFirst());
      out.append(String.format("  %-13s %s%n", slo.kind().label(), slo.objective()));
      attained.ifPresent(a -> out.append(String.format("  %-13s met in %.1f%% of %d run(s)  %s%n", "", 100 * a.share(),
          a.runs().size(), a.runs().stream().map(r -> r.met() ? "+" : "-").collect(Collectors.joining()))));
    }
    out.append(String.format("%nRules: %d in %s, plus those the contract implies (primary key unique, required"
        + " columns complete)%n", product.rules().rules().size(), product.rules().source()));
    quality.ifPresent(q -> {
      out.append(String.format("%nLatest quality gate (run %s)%n", q.latest().get(0).runId()));
      for (QualityHistory.Verdict v : q.latest()) {
        out.append(String.format("  %-32s %-12s %s%n", v.rule(), v.status(), v.message()));
      }
    });
    return out.toString();
  }

  static String search(String text, List<Catalog.Match> matches) {
    if (matches.isEmpty()) {
      return "No product mentions '" + text + "'. Try a shorter text, or list them all: ./meshlake catalog list\n";
    }
    StringBuilder out = new StringBuilder(String.format("%d product(s) mention '%s':%n", matches.size(), text));
    for (Catalog.Match match : matches) {
      out.append(String.format("  %-34s in %s%n", match.product().id().qualifiedName(), String.join(", ", match.where())));
    }
    return out.append("Details: ./meshlake catalog show <product>\n").toString();
  }

  private static String published(Optional<Instant> at) {
    return at.map(TIME::format).orElse("never");
  }

  private static String gate(ProductRuns observed) {
    return observed.quality().map(q -> q.latestPublished() ? "published (run " + q.latest().get(0).runId() + ")"
            : "NOT published (run " + q.latest().get(0).runId() + "): "
                + q.latest().stream().filter(v -> v.status().equals("FAILED")).map(QualityHistory.Verdict::rule)
                    .collect(Collectors.joining(", ")) + " failed")
        .orElse("none recorded");
  }

  private static String attainment(QualityHistory quality) {
    return quality.attainment().stream().map(a -> String.format("%s %.0f%%", a.slo(), 100 * a.share()))
        .collect(Collectors.joining(", "));
  }

  private static String names(List<TableId> products) {
    return products.isEmpty() ? "none" : products.stream().map(TableId::qualifiedName).collect(Collectors.joining(", "));
  }

  private static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    int line = 0;
    for (String word : text.split("\\s+")) {
      if (line > 0 && line + 1 + word.length() > width) {
        out.append('\n');
        line = 0;
      } else if (line > 0) {
        out.append(' ');
        line++;
      }
      out.append(word);
      line += word.length();
    }
    return out.toString();
  }
}
