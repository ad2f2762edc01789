package io.meshlake.catalog;

import io.meshlake.api.TableId;
import io.meshlake.contract.Contract;
import io.meshlake.contract.ContractColumn;
import io.meshlake.contract.Slo;
import io.meshlake.quality.QualityHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the catalog as a static HTML site that needs no server and loads nothing from the network:
 * {@code index.html} (domains, products with freshness and quality, the lineage graph, a filter box) and
 * one page per product under {@code products/} (contract, schema with classifications, SLOs with
 * attainment plotted over runs, latest quality verdicts, neighbours in the lineage).
 */
public final class CatalogSite {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final String STYLE = """
      body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#fff}
      header{background:#1d3557;color:#fff;padding:14px 28px}header a{color:#fff}
      header h1{margin:0;font-size:22px}main{padding:8px 28px 40px}
      table{border-collapse:collapse;margin:8px 0 22px}td,th{border-bottom:1px solid #d6dbe1;padding:5px 10px;
      text-align:left;vertical-align:top}th{background:#f0f3f6}
      .badge{display:inline-block;border-radius:9px;padding:1px 8px;font-size:12px;font-weight:600}
      .phi{background:#fde2e1;color:#a4161a}.pii{background:#ffe8cc;color:#9c4a00}
      .sensitive{background:#fff3bf;color:#7a5c00}.none{background:#e6f4ea;color:#1e6b34}
      .PASSED{color:#1e6b34}.QUARANTINED{color:#1d4ed8}.WARNED{color:#9c4a00}.FAILED{color:#a4161a;font-weight:600}
      .muted{color:#667}.lineage-box{overflow-x:auto;border:1px solid #d6dbe1;padding:6px}
      input#filter{font-size:15px;padding:6px 10px;width:340px}dt{font-weight:600}dd{margin:0 0 8px 0}
      """;

  private CatalogSite() {}

  /**
   * Writes the site into {@code out} (created if needed) and returns the index page.
   *
   * @param runs what runs observed of each product; empty when the warehouse has no runs
   * @param source where the observations come from, e.g. the warehouse, shown on every page
   */
  public static Path write(Catalog catalog, Map<TableId, ProductRuns> runs, String source, Path out) {
    try {
      Files.createDirectories(out.resolve("products"));
      Files.writeString(out.resolve("index.html"), index(catalog, runs, source), StandardCharsets.UTF_8);
      for (DataProduct product : catalog.products()) {
        Files.writeString(out.resolve(page(product.id())),
            productPage(catalog, product, runs.getOrDefault(product.id(), ProductRuns.NEVER_BUILT), source),
            StandardCharsets.UTF_8);
      }
      return out.resolve("index.html");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the catalog site to " + out + ": " + e.getMessage(), e);
    }
  }

  /** A product's page, relative to the site's root. */
  static String page(TableId product) {
    return "products/" + product.qualifiedName() + ".html";
  }

  private static String index(Catalog catalog, Map<TableId, ProductRuns> runs, String source) {
    StringBuilder body = new StringBuilder();
    body.append("<h2>Domains</h2>\n<table class=\"domains\"><tr><th>domain</th><th>products</th><th>owners</th>"
        + "<th>reads products of</th></tr>\n");
    for (String domain : catalog.domains()) {
      List<DataProduct> products = catalog.products(domain);
      String reads = products.stream().flatMap(p -> p.upstream().stream()).map(TableId::domain)
          .filter(d -> !d.equals(domain)).distinct().sorted().collect(Collectors.joining(", "));
      body.append("<tr><td>").append(Html.escape(domain)).append("</td><td>").append(products.size()).append("</td><td>")
          .append(Html.escape(products.stream().map(p -> p.contract().owner()).distinct().collect(Collectors.joining(", "))))
          .append("</td><td>").append(reads.isEmpty() ? "<span class=\"muted\">none</span>" : Html.escape(reads))
          .append("</td></tr>\n");
    }
    body.append("</table>\n<h2>Data products</h2>\n<p><input id=\"filter\" type=\"search\" placeholder=\"Filter by name,"
        + " owner, column, description…\" aria-label=\"Filter products\"> <span id=\"shown\" class=\"muted\"></span></p>\n"
        + "<table class=\"products\"><tr><th>product</th><th>owner</th><th>version</th><th>last published</th>"
        + "<th>latest quality gate</th><th>SLO attainment</th></tr>\n");
    for (DataProduct product : catalog.products()) {
      ProductRuns observed = runs.getOrDefault(product.id(), ProductRuns.NEVER_BUILT);
      Contract c = product.contract();
      String haystack = product.searchText();
      body.append("<tr class=\"product\" data-search=\"").append(Html.escape(haystack)).append("\"><td><a href=\"")
          .append(page(product.id())).append("\">").append(Html.escape(product.id().qualifiedName())).append("</a><br><span"
              + " class=\"muted\">").append(Html.escape(firstSentence(c.description()))).append("</span></td><td>")
          .append(Html.escape(c.owner())).append("</td><td>").append(c.version()).append("</td><td>")
          .append(observed.publishedAt().map(TIME::format).orElse("never")).append("</td><td>").append(gate(observed))
          .append("</td><td>").append(attainmentSummary(observed)).append("</td></tr>\n");
    }
    body.append("</table>\n<h2>Lineage</h2>\n<p class=\"muted\">Every table of every domain, bronze (ingested) to gold"
        + " (products, linked). Dashed arrows cross domains: a domain reads another only through its products.</p>\n"
        + "<div class=\"lineage-box\">")
        .append(LineageSvg.svg(catalog.lineage(), catalog.domains(), Optional.empty(), CatalogSite::page))
        .append("</div>\n<script>\n")
        .append("const box = document.getElementById('filter');\n")
        .append("const rows = Array.from(document.querySelectorAll('tr.product'));\n")
        .append("box.value = new URLSearchParams(location.search).get('q') || '';\n")
        .append("function apply() {\n  const text = box.value.trim().toLowerCase();\n")
        .append("  const shown = rows.filter(r => { const match = r.dataset.search.includes(text); r.hidden = !match;"
            + " return match; });\n")
        .append("  document.getElementById('shown').textContent = shown.length + ' of ' + rows.length + ' products';\n}\n")
        .append("box.addEventListener('input', apply);\napply();\n</script>\n");
    return page("meshlake data product catalog", "", source, body.toString());
  }

  private static String productPage(Catalog catalog, DataProduct product, ProductRuns observed, String source) {
    Contract c = product.contract();
    StringBuilder body = new StringBuilder();
    body.append("<p><a href=\"../index.html\">← all products</a></p>\n<h2>")
        .append(Html.escape(product.id().qualifiedName())).append(" <span class=\"muted\">v").append(c.version())
        .append("</span></h2>\n<p class=\"description\">").append(Html.escape(c.description())).append("</p>\n<dl>\n");
    fact(body, "Owner", Html.escape(c.owner()));
    fact(body, "Domain", Html.escape(c.domain()));
    fact(body, "Primary key", c.primaryKey().isEmpty() ? "none" : Html.escape(String.join(", ", c.primaryKey())));
    fact(body, "Table", Html.escape(product.format()) + " table at <code>" + Html.escape(observed.location(product))
        + "</code>");
    fact(body, "Freshness", observed.publishedAt().map(t -> "last published " + TIME.format(t)
        + observed.version().map(v -> ", table version " + v).orElse("")).orElse("never published in " + Html.escape(source))
        + observed.lastBuild().map(s -> "; latest build " + s + observed.lastBuildAt().map(t -> " at " + TIME.format(t))
            .orElse("")).orElse(""));
    fact(body, "Consumer classes allowed to read", catalog.consumerClasses(product.id())
        .map(classes -> Html.escape(String.join(", ", classes)))
        .orElse("<span class=\"muted\">not set: no governance policy names this product yet</span>"));
    fact(body, "Known consumers", c.consumers().isEmpty() ? "none listed"
        : Html.escape(String.join("; ", c.consumers())));
    fact(body, "Reads products", links(product.upstream()));
    fact(body, "Read by products", links(product.downstream()));
    body.append("</dl>\n<h3>Schema</h3>\n<table class=\"schema\"><tr><th>column</th><th>type</th><th>required</th>"
        + "<th>classification</th><th>meaning</th></tr>\n");
    for (ContractColumn column : c.columns()) {
      String label = column.classification().label();
      body.append("<tr><td><code>").append(Html.escape(column.name())).append("</code></td><td>")
          .append(Html.escape(column.type())).append("</td><td>").append(column.required() ? "yes" : "")
          .append("</td><td><span class=\"badge ").append(label).append("\">").append(label).append("</span></td><td>")
          .append(Html.escape(column.description())).append("</td></tr>\n");
    }
    body.append("</table>\n<h3>Service levels</h3>\n");
    if (c.slos().isEmpty()) {
      body.append("<p class=\"muted\">The contract promises no SLO.</p>\n");
    } else {
      body.append("<ul class=\"slos\">\n");
      for (Slo slo : c.slos()) {
        body.append("<li><b>").append(slo.kind().label()).append("</b>: ").append(Html.escape(slo.objective()))
            .append("</li>\n");
      }
      body.append("</ul>\n");
    }
    Optional<QualityHistory> quality = observed.quality();
    if (quality.isPresent()) {
      body.append("<h4>Attainment over runs</h4>\n").append(SloChart.svg(quality.get().attainment()))
          .append("<h3>Latest quality gate: ").append(quality.get().latestPublished() ? "published" : "NOT published")
          .append("</h3>\n<table class=\"verdicts\"><tr><th>rule</th><th>verdict</th><th>metric</th><th>SLO</th>"
              + "<th>what was measured</th></tr>\n");
      for (QualityHistory.Verdict v : quality.get().latest()) {
        body.append("<tr><td>").append(Html.escape(v.rule())).append("</td><td class=\"").append(v.status()).append("\">")
            .append(v.status()).append("</td><td>")
            .append(v.metric().isPresent() ? String.format("%.4f", v.metric().getAsDouble()) : "").append("</td><td>")
            .append(Html.escape(v.slo().orElse(""))).append("</td><td>").append(Html.escape(v.message()))
            .append("</td></tr>\n");
      }
      body.append("</table>\n");
    } else {
      body.append("<p class=\"muted\">No quality gate recorded in ").append(Html.escape(source))
          .append(" yet: run <code>./meshlake run ").append(Html.escape(c.domain())).append("</code>.</p>\n");
    }
    body.append("<h3>Rules</h3>\n<p>").append(product.rules().rules().size()).append(" rule(s) in <code>")
        .append(Html.escape(product.rules().source())).append("</code>, plus those the contract implies (primary key"
            + " unique, required columns complete).</p>\n<h3>Lineage</h3>\n<div class=\"lineage-box\">")
        .append(LineageSvg.svg(catalog.lineage(), catalog.domains(), Optional.of(product.id()),
            id -> "../" + page(id)))
        .append("</div>\n");
    return page(product.id().qualifiedName() + " — meshlake catalog", "../", source, body.toString());
  }

  private static void fact(StringBuilder body, String term, String html) {
    body.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>\n");
  }

  private static String links(List<TableId> products) {
    if (products.isEmpty()) {
      return "<span class=\"muted\">none</span>";
    }
    List<String> links = new ArrayList<>();
    products.forEach(p -> links.add("<a href=\"../" + page(p) + "\">" + Html.escape(p.qualifiedName()) + "</a>"));
    return String.join(", ", links);
  }

  private static String gate(ProductRuns observed) {
    return observed.quality().map(q -> {
      long failed = q.latest().stream().filter(v -> v.status().equals("FAILED")).count();
      return q.latestPublished() ? "<span class=\"PASSED\">published</span>"
          : "<span class=\"FAILED\">not published: " + failed + " rule(s) failed</span>";
    }).orElse("<span class=\"muted\">none yet</span>");
  }

  private static String attainmentSummary(ProductRuns observed) {
    return observed.quality().map(q -> q.attainment().stream()
            .map(a -> Html.escape(a.slo()) + " " + String.format("%.0f%%", 100 * a.share()) + " of " + a.runs().size())
            .collect(Collectors.joining("<br>")))
        .filter(s -> !s.isEmpty()).orElse("<span class=\"muted\">none yet</span>");
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  private static String page(String title, String root, String source, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
        + "</title>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>" + STYLE
        + "</style></head>\n<body><header><h1><a href=\"" + root + "index.html\">meshlake data product catalog</a></h1>"
        + "<span class=\"muted\" style=\"color:#cdd6e0\">runs from " + Html.escape(source) + ", generated "
        + TIME.format(Instant.now()) + "</span></header>\n<main>\n" + body + "</main></body></html>\n";
  }
}
