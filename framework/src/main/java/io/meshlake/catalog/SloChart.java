package io.meshlake.catalog;

import io.meshlake.quality.QualityHistory;
import java.util.List;

/**
 * Plots SLO attainment over runs as an inline SVG picture: for each SLO, its attainment so far (the share
 * of runs up to that one in which it was met) as a line, and each run as a dot, green when met and red
 * when missed.
 */
final class SloChart {
  private static final int WIDTH = 680;
  private static final int HEIGHT = 220;
  private static final int LEFT = 48;
  private static final int RIGHT = 190;
  private static final int TOP = 16;
  private static final int BOTTOM = 34;
  private static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"};

  private SloChart() {}

  static String svg(List<QualityHistory.Attainment> slos) {
    int runs = slos.stream().mapToInt(a -> a.runs().size()).max().orElse(0);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder out = new StringBuilder(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"slo-chart\""
        + " role=\"img\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n"
        + "<title>SLO attainment over %d run(s)</title>%n", WIDTH, HEIGHT, runs));
    for (int pct = 0; pct <= 100; pct += 25) {
      int y = TOP + plotHeight - pct * plotHeight / 100;
      out.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%d\""
          + " text-anchor=\"end\">%d%%</text>%n", LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4, pct));
    }
    out.append(String.format("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">run (oldest to newest)</text>%n",
        LEFT + plotWidth / 2, HEIGHT - 6));
    for (int s = 0; s < slos.size(); s++) {
      QualityHistory.Attainment slo = slos.get(s);
      String colour = COLOURS[s % COLOURS.length];
      StringBuilder line = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      int met = 0;
      for (int i = 0; i < slo.runs().size(); i++) {
        QualityHistory.RunOutcome run = slo.runs().get(i);
        met += run.met() ? 1 : 0;
        double share = met / (double) (i + 1);
        int x = LEFT + (runs == 1 ? plotWidth / 2 : i * plotWidth / (runs - 1));
        int y = TOP + plotHeight - (int) Math.round(share * plotHeight);
        line.append(i == 0 ? "" : " ").append(x).append(',').append(y);
        dots.append(String.format("<circle class=\"%s\" cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\" stroke=\"%s\">"
                + "<title>%s, run %s: %s (%.1f%% so far)</title></circle>%n", run.met() ? "met" : "missed", x, y,
            run.met() ? "#2e7d32" : "#c62828", colour, Html.escape(slo.slo()), Html.escape(run.runId()),
            run.met() ? "met" : "missed", 100 * share));
      }
      out.append(String.format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, line))
          .append(dots)
          .append(String.format("<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">"
                  + "%s %.1f%%</text>%n", WIDTH - RIGHT + 14, TOP + 10 + s * 18, colour, WIDTH - RIGHT + 30,
              TOP + 15 + s * 18, Html.escape(slo.slo()), 100 * slo.share()));
    }
    return out.append("</svg>\n").toString();
  }
}
