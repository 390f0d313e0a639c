package dev.hookline.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Uuid7Test {
    @Test
    void idsAreVersion7WithTheirMillisecondFirst() {
        long millis = 1_790_000_000_123L;
        UUID id = UUID.fromString(Uuid7.next(millis));
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMillisecondsSortAfter() {
        String earlier = Uuid7.next(1_790_000_000_000L);
        String later = Uuid7.next(1_790_000_000_001L);
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void threadsDrawingAtOnceNeverRepeatAnId() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                all.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) seen.add(Uuid7.next(1_790_000_000_000L)); // one millisecond for all
                }));
            }
            for (Future<?> f : all) f.get();
        } finally {
            pool.shutdown();
        }
        assertThat(seen).hasSize(8 * 20_000);
    }
}
