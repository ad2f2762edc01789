package io.meshlake.quality;

import java.util.List;

/**
 * The HTML quality report of one run: per gated product, whether it was published and each rule's
 * verdict, metric and threshold. Self-contained (no scripts, no external styles).
 */
public final class QualityReport {
  private QualityReport() {}

  /** The report page. */
  public static String html(String runId, List<QualityLog.Entry> entries) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>meshlake quality, run ")
        .append(escape(runId)).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
            + "table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
            + ".PASSED{background:#e6f4ea}.WARNED{background:#fef7e0}.QUARANTINED{background:#e8f0fe}"
            + ".FAILED{background:#fce8e6}</style></head><body>\n<h1>Quality report, run ")
        .append(escape(runId)).append("</h1>\n");
    for (QualityLog.Entry entry : entries) {
      out.append("<h2>").append(escape(entry.product().qualifiedName())).append(": ")
          .append(entry.published() ? "published" : "NOT published").append("</h2>\n")
          .append("<p>Rules from ").append(escape(entry.source())).append(", checked ").append(entry.checkedAt())
          .append("</p>\n<table><tr><th>rule</th><th>kind</th><th>action</th><th>SLO</th><th>verdict</th>"
              + "<th>metric</th><th>what was measured</th></tr>\n");
      for (RuleOutcome o : entry.outcomes()) {
        Rule rule = o.rule();
        out.append("<tr class=\"").append(o.status()).append("\"><td>").append(escape(rule.name())).append("</td><td>")
            .append(QualityLog.kind(rule.check())).append("</td><td>").append(rule.action().label()).append("</td><td>")
            .append(rule.slo().map(s -> s.label()).orElse("")).append("</td><td>").append(o.status()).append("</td><td>")
            .append(o.metric().isPresent() ? String.format("%.4f", o.metric().getAsDouble()) : "").append("</td><td>")
            .append(escape(o.message())).append("</td></tr>\n");
      }
      out.append("</table>\n");
    }
    return out.append("</body></html>\n").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
