package dev.hookline.bench;

import static dev.hookline.bench.Loads.fixedRate;
import static dev.hookline.bench.Loads.waitUntil;

import java.time.Duration;
import java.util.Map;

/** 3. At a fixed rate, the time from each call's 201 to the receiver getting attempt 1. */
final class LatencyRun {
    private static final String NUMBER = "+15735550002";

    private final BenchRun run;
    private final Results results;

    LatencyRun(BenchRun run) {
        this.run = run;
        this.results = run.results;
    }

    void run() throws Exception {
        for (int rate : run.quick ? new int[] {1000} : new int[] {100, 1000}) {
            at(rate);
        }
    }

    private void at(int rate) throws Exception {
        try (HubUnderTest hub = HubUnderTest.start(run.jar, run.work, Map.of());
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(256)) {
            Loads.createFlow(load, hub, "Latency", NUMBER, receiver.url("/hook"));
            LatencyProbe warm = new LatencyProbe("warm-");
            receiver.listen(warm::arrived);
            // a minute at this rate before measuring, as for throughput: until then the JIT's
            // compiler threads take a core of the two here, and 1,000 calls/s met a hub costing
            // twice its settled CPU per call (deliveries late by a second in the first seconds)
            long warmSent = fixedRate(load, hub, NUMBER, rate, run.warmUp(), "warm-", warm);
            waitUntil(() -> warm.count() >= warmSent, Duration.ofSeconds(30));
            Loads.collectBenchGarbage();
            LatencyProbe probe = new LatencyProbe("lat-");
            receiver.listen(probe::arrived);
            long r0 = receiver.received();
            long sent = fixedRate(load, hub, NUMBER, rate, run.window(30, 2), "lat-", probe);
            waitUntil(() -> probe.count() >= sent, Duration.ofSeconds(30));
            if (probe.count() < sent) {
                System.out.println("  (" + (sent - probe.count()) + " of " + sent + " calls not seen at the receiver; it got " + (receiver.received() - r0) + " requests)");
            }
            double[] p = probe.percentilesMs();
            String s = "latency@" + rate;
            results.add(s, "201 -> receiver, p50", p[0], "ms");
            results.add(s, "201 -> receiver, p99", p[1], "ms", rate == 1000 ? "<= 25" : "", rate == 1000 ? Results.check(p[1] <= 25) : "");
            results.add(s, "201 -> receiver, p99.9", p[2], "ms");
            results.add(s, "201 -> receiver, max", p[3], "ms");
            double[] e = probe.endToEndMs();
            results.add(s, "POST -> receiver (end to end), p50", e[0], "ms");
            results.add(s, "POST -> receiver (end to end), p99", e[1], "ms");
            results.add(s, "calls measured", probe.count(), "calls");
            results.add(s, "deliveries with a failed attempt", Loads.failedAttempts(load, hub), "deliveries");
            probe.dump(s);
        }
    }
}
