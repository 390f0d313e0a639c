package dev.hookline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopHostsTest {
    @Test
    void keepsTheBusiestHostsAndSumsTheRest() {
        Map<String, Integer> all = new HashMap<>();
        for (int i = 1; i <= 15; i++) all.put("h" + i + ".example", i);
        all.put("idle.example", 0);
        Map<String, Integer> top = TopHosts.of(all, 10, "_other");
        assertThat(top).hasSize(11);
        assertThat(top).containsEntry("h15.example", 15).containsEntry("h6.example", 6).doesNotContainKey("h5.example");
        assertThat(top).containsEntry("_other", 1 + 2 + 3 + 4 + 5);
    }

    @Test
    void noOtherSeriesWhileEveryHostFits() {
        Map<String, Integer> top = TopHosts.of(Map.of("a", 2, "b", 1, "c", 0), 10, "_other");
        assertThat(top).containsOnlyKeys("a", "b");
    }

    @Test
    void aDisabledRegistryScrapesNothing() {
        Metrics m = Metrics.disabled();
        m.deliveries().attempt("webhook", true, 3);
        assertThat(m.scrape()).isEmpty();
    }
}
