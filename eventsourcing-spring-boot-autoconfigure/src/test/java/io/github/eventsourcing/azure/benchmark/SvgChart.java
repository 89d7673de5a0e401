package io.github.eventsourcing.azure.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A chart of the results as SVG, written by hand: one panel per case with a bar per side (the median rate, a whisker
 * from the slowest to the fastest round), the ratios, the round trips and whether the bar was met.
 */
final class SvgChart {

    private static final int WIDTH = 980;
    private static final int LABEL_WIDTH = 130;
    private static final int BAR_AREA = 480;
    private static final int BAR_HEIGHT = 18;
    private static final int ROW = 24;
    private static final int PANEL_TOP = 28;
    private static final int PANEL_GAP = 18;
    private static final Map<String, String> COLORS = Map.of(
            Side.LIBRARY, "#2b6cb0", Side.RAW, "#718096", Side.MINIMAL, "#b7c4d3", Side.ORIGINAL, "#c05621",
            Side.CURRENT, "#c05621");

    private SvgChart() {
    }

    static String render(String title, List<CaseResult> results) {
        int height = 60;
        for (CaseResult result : results) {
            height += PANEL_TOP + ROW * (result.sides().size() + (hasRatios(result) ? 1 : 0)) + PANEL_GAP;
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(text(16, 26, escape(title), "font-size=\"16\" font-weight=\"bold\""));
        svg.append(text(16, 44, "bars: median rate; whiskers: slowest to fastest round; ratios are library / baseline "
                + "per round (median)", "fill=\"#4a5568\""));
        int y = 60;
        for (CaseResult result : results) {
            y = panel(svg, result, y);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static int panel(StringBuilder svg, CaseResult result, int top) {
        BenchCase c = result.benchCase();
        int units = c.unitsPerOperation();
        svg.append(text(16, top + 16, escape(c.title()), "font-weight=\"bold\""));
        if (!result.versusReference()) {
            String verdict = (result.met() ? "met: " : "NOT met: ") + c.bar().describe();
            svg.append(text(WIDTH - 16, top + 16, escape(verdict),
                    "text-anchor=\"end\" fill=\"" + (result.met() ? "#276749" : "#c53030") + "\""));
        }
        double max = 0;
        for (CaseResult.SideResult side : result.sides()) {
            max = Math.max(max, side.operationsPerSecond().max() * units);
        }
        int y = top + PANEL_TOP;
        for (CaseResult.SideResult side : result.sides()) {
            Stats rate = side.operationsPerSecond();
            double scale = BAR_AREA / max;
            int x0 = 16 + LABEL_WIDTH;
            svg.append(text(16, y + 13, side.name(), ""));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    x0, y, rate.median() * units * scale, BAR_HEIGHT, COLORS.getOrDefault(side.name(), "#999")));
            double low = x0 + rate.min() * units * scale;
            double high = x0 + rate.max() * units * scale;
            double mid = y + BAR_HEIGHT / 2.0;
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f H%.1f M%.1f %d V%d M%.1f %d V%d\" "
                    + "stroke=\"#1a202c\" stroke-width=\"1.2\"/>%n", low, mid, high, low, y + 4, y + BAR_HEIGHT - 4,
                    high, y + 4, y + BAR_HEIGHT - 4));
            String label = String.format(Locale.ROOT, "%s %s/s, %.2f round trips/%s",
                    BenchmarkReport.number(rate.median() * units), c.unit(), side.roundTripsPerOperation() / units,
                    c.unit());
            svg.append(text((int) high + 8, y + 13, label, "fill=\"#2d3748\""));
            y += ROW;
        }
        if (hasRatios(result)) {
            String ratios = result.versusReference() ? ratiosToReference(result)
                    : Double.isNaN(result.ratioToMinimal().median()) && result.sides().stream()
                    .anyMatch(side -> side.name().equals(Side.SEQUENTIAL))
                    ? String.format(Locale.ROOT, "library / sequential loop %.2f", result.ratioToRaw().median())
                    : String.format(Locale.ROOT, "library / raw (same rows) %.2f, library / raw (minimal) %.2f",
                    result.ratioToRaw().median(), result.ratioToMinimal().median());
            svg.append(text(16 + LABEL_WIDTH, y + 13, ratios, "font-weight=\"bold\""));
            y += ROW;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"16\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#e2e8f0\"/>%n",
                WIDTH - 16, y + PANEL_GAP / 2, y + PANEL_GAP / 2));
        return y + PANEL_GAP;
    }

    private static boolean hasRatios(CaseResult result) {
        return result.versusReference() || !Double.isNaN(result.ratioToRaw().median());
    }

    private static String ratiosToReference(CaseResult result) {
        StringBuilder text = new StringBuilder("/ " + result.reference().name() + ":");
        result.ratiosToReference().forEach((side, ratio) -> text.append(String.format(Locale.ROOT, " %s %.2f,", side,
                ratio.median())));
        return text.substring(0, text.length() - 1);
    }

    private static String text(int x, int y, String content, String attributes) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>%n", x, y, attributes, content);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
