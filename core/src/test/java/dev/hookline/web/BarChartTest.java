package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarChartTest {
    @Test
    void eachHourIsABarWithItsCountsInATooltip() {
        long[][] counts = new long[24][3];
        counts[23] = new long[] {7, 2, 1};
        long start = Instant.parse("2026-05-01T00:00:00Z").toEpochMilli();
        String svg = BarChart.svg("Last 24 h", counts, start, 6, 360);
        assertThat(svg).startsWith("<svg class=\"chart\" viewBox=\"0 0 360 150\" role=\"img\"")
                .contains("aria-label=\"Last 24 h: 7 succeeded, 2 failed, 1 pending\"")
                .contains("<title>Fri 23:00 UTC: 7 succeeded, 2 failed, 1 pending</title>")
                .contains(">00:00</text>").contains(">06:00</text>");
        assertThat(svg.split("<rect class=\"hit\"", -1)).hasSize(25);
        assertThat(svg.split("<rect class=\"ok\"", -1)).hasSize(2);
        assertThat(svg).doesNotContain("no deliveries");
        assertThat(BarChart.svg("x", new long[24][3], start, 6, 360)).contains("no deliveries");
    }

    @Test
    void theScaleEndsOnARoundNumberAndTextIsEscaped() {
        assertThat(BarChart.niceCeiling(0)).isEqualTo(2);
        assertThat(BarChart.niceCeiling(7)).isEqualTo(10);
        assertThat(BarChart.niceCeiling(11)).isEqualTo(20);
        assertThat(BarChart.niceCeiling(41)).isEqualTo(50);
        assertThat(BarChart.niceCeiling(501)).isEqualTo(1000);
        assertThat(BarChart.esc("<a href='x'>&\"")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
    }
}
