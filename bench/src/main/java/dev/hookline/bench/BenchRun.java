package dev.hookline.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every scenario of one bench run shares: the hub jar, the temp work dir, quick or full
 * windows, and the results table. {@code throughputFigure} is set by the throughput scenario and
 * read by the relay and backlog scenarios for their ratios.
 */
final class BenchRun {
    static final int CONCURRENCY = 32;

    final Path jar;
    final Path work;
    final boolean quick;
    final Results results;
    final int backlogSize;
    /** The throughput figure of this run (calls/s accepted and delivered); NaN until measured. */
    double throughputFigure = Double.NaN;

    BenchRun(Path jar, Path work, boolean quick, Results results, int backlogSize) {
        this.jar = jar;
        this.work = work;
        this.quick = quick;
        this.results = results;
        this.backlogSize = backlogSize;
    }

    Duration window(int fullSeconds, int quickSeconds) {
        return Duration.ofSeconds(quick ? quickSeconds : fullSeconds);
    }

    /** How long each fixed-rate run loads the hub before measuring ({@code -Dbench.warmupSeconds}). */
    Duration warmUp() {
        return window(Integer.getInteger("bench.warmupSeconds", 60), 1);
    }

    /**
     * How long the flat-out runs (throughput, relay) load their process before measuring
     * ({@code -Dbench.loadWarmupSeconds}): under full load on two cores the hub's JIT keeps
     * compiling for two minutes and more (see docs/performance-notes.md, "Warm-up").
     */
    Duration loadWarmUp() {
        return window(Integer.getInteger("bench.loadWarmupSeconds", 150), 1);
    }
}
