package dev.hookline.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A stacked bar chart of deliveries per hour (succeeded, failed, pending) as inline SVG, drawn on
 * the server: no script, and colours come from the stylesheet's classes so the page's content
 * security policy needs no inline styles. Each bar has a tooltip with its hour and counts. The text
 * in it is built here from numbers and times only, and escaped all the same.
 */
final class BarChart {
    static final int OK = 0, FAILED = 1, PENDING = 2;
    private static final int H = 150, LEFT = 40, RIGHT = 6, TOP = 8, BOTTOM = 22;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TICK_HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TICK_DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ROOT).withZone(ZoneOffset.UTC);

    private BarChart() {}

    /**
     * {@code counts[i]} holds the hour starting {@code start + i} hours: {succeeded, failed, pending}.
     * A tick is labelled every {@code tickEvery} bars, by hour or (for daily ticks) by day. {@code width}
     * is the drawing's width in its own units: a chart shown smaller gets fewer units, so its text
     * keeps a readable size.
     */
    static String svg(String label, long[][] counts, long start, int tickEvery, int width) {
        int n = counts.length;
        long max = 0, ok = 0, failed = 0, pending = 0;
        for (long[] c : counts) {
            max = Math.max(max, c[OK] + c[FAILED] + c[PENDING]);
            ok += c[OK];
            failed += c[FAILED];
            pending += c[PENDING];
        }
        long top = niceCeiling(max);
        double plotW = width - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        double step = plotW / n;
        double barW = Math.max(1, step * (n > 48 ? 0.8 : 0.72));
        String summary = label + ": " + ok + " succeeded, " + failed + " failed, " + pending + " pending";
        StringBuilder b = new StringBuilder(8192 + n * 400);
        b.append("<svg class=\"chart\" viewBox=\"0 0 ").append(width).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(esc(summary)).append("\">");
        b.append("<title>").append(esc(summary)).append("</title>");
        for (int g = 0; g <= 2; g++) { // grid at 0, half and top
            double y = TOP + plotH - plotH * g / 2.0;
            b.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(width - RIGHT).append("\" y1=\"").append(f(y))
                    .append("\" y2=\"").append(f(y)).append("\"/>");
            b.append("<text class=\"axis\" x=\"").append(LEFT - 4).append("\" y=\"").append(f(y + 3)).append("\" text-anchor=\"end\">")
                    .append(top * g % 2 == 0 ? Long.toString(top * g / 2) : f(top * g / 2.0)).append("</text>");
        }
        for (int i = 0; i < n; i++) {
            long hour = start + i * 3_600_000L;
            double x = LEFT + i * step + (step - barW) / 2;
            long[] c = counts[i];
            b.append("<g><title>").append(esc(HOUR.format(Instant.ofEpochMilli(hour)))).append(" UTC: ").append(c[OK]).append(" succeeded, ")
                    .append(c[FAILED]).append(" failed, ").append(c[PENDING]).append(" pending</title>");
            b.append("<rect class=\"hit\" x=\"").append(f(LEFT + i * step)).append("\" y=\"").append(TOP).append("\" width=\"").append(f(step))
                    .append("\" height=\"").append(f(plotH)).append("\"/>");
            double y = TOP + plotH;
            y = bar(b, "ok", x, y, barW, c[OK], top, plotH);
            y = bar(b, "failed", x, y, barW, c[FAILED], top, plotH);
            bar(b, "pending", x, y, barW, c[PENDING], top, plotH);
            b.append("</g>");
            if (i % tickEvery == 0) {
                DateTimeFormatter fmt = tickEvery >= 24 ? TICK_DAY : TICK_HOUR;
                b.append("<text class=\"axis\" x=\"").append(f(LEFT + i * step)).append("\" y=\"").append(H - 6).append("\">")
                        .append(esc(fmt.format(Instant.ofEpochMilli(hour)))).append("</text>");
            }
        }
        if (max == 0) {
            b.append("<text class=\"empty\" x=\"").append(width / 2).append("\" y=\"").append(TOP + (int) plotH / 2)
                    .append("\" text-anchor=\"middle\">no deliveries</text>");
        }
        return b.append("</svg>").toString();
    }

    private static double bar(StringBuilder b, String cls, double x, double bottom, double w, long v, long top, double plotH) {
        if (v == 0) return bottom;
        double h = Math.max(1.5, plotH * v / top);
        double y = bottom - h;
        b.append("<rect class=\"").append(cls).append("\" x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(w))
                .append("\" height=\"").append(f(h)).append("\"/>");
        return y;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v} (and at least 2, so the half-way line is whole). */
    static long niceCeiling(long v) {
        if (v <= 2) return 2;
        long p = 1;
        while (p * 10 < v) p *= 10;
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }

    /** One decimal, without String.format: a week's chart writes some 1,500 numbers. */
    private static String f(double v) {
        long tenths = Math.round(v * 10);
        String sign = tenths < 0 ? "-" : "";
        tenths = Math.abs(tenths);
        return sign + tenths / 10 + "." + tenths % 10;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
