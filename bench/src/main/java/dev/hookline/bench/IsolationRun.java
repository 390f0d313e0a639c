package dev.hookline.bench;

import static dev.hookline.bench.Loads.createFlow;
import static dev.hookline.bench.Loads.fixedRate;
import static dev.hookline.bench.Loads.waitUntil;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/** 4. A healthy receiver's p99 with 200 hanging receivers on other addresses, against its p99 alone. */
final class IsolationRun {
    private final BenchRun run;
    private final Results results;

    IsolationRun(BenchRun run) {
        this.run = run;
        this.results = run.results;
    }

    void run() throws Exception {
        boolean quick = run.quick;
        int hanging = 200;
        try (HubUnderTest hub = HubUnderTest.start(run.jar, run.work, Map.of());
             BenchReceiver healthy = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 16);
             LoadClient load = new LoadClient(256)) {
            createFlow(load, hub, "Healthy", "+15735550003", healthy.url("/hook"));
            LatencyProbe warm = new LatencyProbe("iw-");
            healthy.listen(warm::arrived);
            // the same minute as the other runs first, so "alone" is not measured on a hub still
            // compiling (with 15 s, its p99 alone came out above its p99 crowded in one run)
            fixedRate(load, hub, "+15735550003", 100, run.warmUp(), "iw-", warm);
            Loads.collectBenchGarbage();
            LatencyProbe alone = new LatencyProbe("ia-");
            healthy.listen(alone::arrived);
            long n = fixedRate(load, hub, "+15735550003", 100, run.window(30, 2), "ia-", alone);
            waitUntil(() -> alone.count() >= n, Duration.ofSeconds(20));

            try (HangingReceivers hangs = new HangingReceivers(hanging)) {
                for (int i = 0; i < hanging; i++) {
                    createFlow(load, hub, "Hanging " + i, String.format("+1573556%04d", i), hangs.url(i, "/hook"));
                }
                Loads.collectBenchGarbage();
                // every hanging receiver gets calls: 2 per second each, 400/s in all, each held until the hub's 10 s time-out
                AtomicLong hseq = new AtomicLong();
                Thread pressure = pressure(load, hub, hanging, hseq);
                // the onset: the first hanging attempts time out together after 10 s, and the JIT
                // compiles the paths they take; measured and reported, but the comparison is made
                // once the hub has settled beside the hanging receivers
                Duration lead = quick ? Duration.ofSeconds(1) : Duration.ofSeconds(Long.getLong("bench.hangLeadSeconds", 25));
                LatencyProbe onset = new LatencyProbe("io-");
                healthy.listen(onset::arrived);
                long o = fixedRate(load, hub, "+15735550003", 100, lead, "io-", onset);
                waitUntil(() -> onset.count() >= o, Duration.ofSeconds(20));
                LatencyProbe crowded = new LatencyProbe("ic-");
                healthy.listen(crowded::arrived);
                long m = fixedRate(load, hub, "+15735550003", 100, run.window(30, 2), "ic-", crowded);
                waitUntil(() -> crowded.count() >= m, Duration.ofSeconds(20));
                pressure.interrupt();
                alone.dump("isolation-alone");
                crowded.dump("isolation-crowded");
                onset.dump("isolation-onset");
                double a = alone.percentilesMs()[1];
                double c = crowded.percentilesMs()[1];
                results.add("isolation", "healthy 201 -> receiver p99 alone (100 calls/s)", a, "ms");
                results.add("isolation", "healthy 201 -> receiver p99 beside " + hanging + " hanging receivers", c, "ms");
                results.add("isolation", "ratio crowded / alone (201 -> receiver)", c / Math.max(a, 0.001), "x");
                // the delivery usually beats the 201, so 201 -> receiver is 0 for most calls and its p99
                // alone is a fraction of a millisecond of noise; POST -> receiver is the delay a user sees
                double ea = alone.endToEndMs()[1];
                double ec = crowded.endToEndMs()[1];
                results.add("isolation", "healthy POST -> receiver p99 alone", ea, "ms");
                results.add("isolation", "healthy POST -> receiver p99 beside " + hanging + " hanging receivers", ec, "ms");
                double ratio = ec / Math.max(ea, 0.001);
                results.add("isolation", "ratio crowded / alone (POST -> receiver)", ratio, "x", "<= 2", Results.check(ratio <= 2));
                results.add("isolation", "healthy POST -> receiver p99 in the first " + lead.toSeconds() + " s of the hanging load (onset, not compared)",
                        onset.endToEndMs()[1], "ms");
                results.add("isolation", "hanging calls sent meanwhile (" + System.getProperty("bench.hangPerSecond", "2") + "/s per receiver)",
                        hseq.get(), "calls");
            }
        }
    }

    /** Calls for the hanging receivers in turn, {@code bench.hangPerSecond} (default 2) per receiver per second, until interrupted. */
    private static Thread pressure(LoadClient load, HubUnderTest hub, int hanging, AtomicLong seq) {
        Thread pressure = new Thread(() -> {
            long interval = (long) (1e9 / (Double.parseDouble(System.getProperty("bench.hangPerSecond", "2")) * hanging));
            long next = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                long k = seq.incrementAndGet();
                load.fire(hub.base() + "/api/v1/calls", "application/json",
                        Payloads.callReport("h-" + k, String.format("+1573556%04d", k % hanging)), HubUnderTest.KEY);
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }, "bench-pressure");
        pressure.setDaemon(true);
        pressure.start();
        return pressure;
    }
}
