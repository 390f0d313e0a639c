package dev.hookline.bench;

import static dev.hookline.bench.Loads.drain;
import static dev.hookline.bench.Loads.waitUntil;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** 5. Calls accepted while the receiver is down (holding every request), then it comes up: drain rate and resources. */
final class BacklogRun {
    private final BenchRun run;
    private final Results results;

    BacklogRun(BenchRun run) {
        this.run = run;
        this.results = run.results;
    }

    void run() throws Exception {
        boolean quick = run.quick;
        int n = run.backlogSize;
        // the attempt held open while the receiver is down must not time out and wait out a retry delay
        try (HubUnderTest hub = HubUnderTest.start(run.jar, run.work, Map.of("HOOKLINE_POST_CALL_TIMEOUT", "2h"));
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.HOLD, 64);
             LoadClient load = new LoadClient(BenchRun.CONCURRENCY)) {
            Loads.createFlow(load, hub, "Backlog", "+15735550004", receiver.url("/hook"));
            Set<String> seen = ConcurrentHashMap.newKeySet();
            receiver.listen((id, t) -> {
                if (id != null) seen.add(id);
            });
            String url = hub.base() + "/api/v1/calls";
            long t0 = System.nanoTime();
            List<CompletableFuture<LoadClient.Reply>> pending = new ArrayList<>();
            long[] peakRss = {0};
            for (int i = 0; i < n; i++) {
                pending.add(load.post(url, "application/json", Payloads.callReport("b-" + i, "+15735550004"), HubUnderTest.KEY));
                if (pending.size() >= 4096) {
                    drain(pending);
                    peakRss[0] = Math.max(peakRss[0], hub.rssMiB()[0]);
                }
            }
            drain(pending);
            double acceptSecs = (System.nanoTime() - t0) / 1e9;
            long heldAtRelease = seen.size();
            long dbBytes = hub.databaseBytes();
            long t1 = System.nanoTime();
            receiver.release();
            waitUntil(() -> {
                try {
                    peakRss[0] = Math.max(peakRss[0], hub.rssMiB()[0]);
                } catch (Exception ignored) {
                    // sampling only
                }
                return seen.size() >= n;
            }, Duration.ofMinutes(quick ? 2 : 30));
            double drainSecs = (System.nanoTime() - t1) / 1e9;
            long[] heap = hub.peakHeapMiB();
            long[] rss = hub.rssMiB();
            results.add("backlog", "calls accepted while the receiver was down", n, "calls");
            results.add("backlog", "accept rate", n / acceptSecs, "calls/s");
            results.add("backlog", "database size with the backlog", dbBytes / 1048576.0, "MiB");
            double drainRate = (n - heldAtRelease) / drainSecs;
            results.add("backlog", "drain rate once the receiver is up", drainRate, "deliv/s");
            results.add("backlog", "time to empty", drainSecs, "s");
            results.add("backlog", "peak heap in use (GC log), -Xmx256m", heap[0], "MiB", "< 256", Results.check(heap[0] < 256));
            results.add("backlog", "peak RSS", Math.max(rss[1], peakRss[0]), "MiB");
            results.add("backlog", "drain rate / accept rate", drainRate / (n / acceptSecs), "x");
            if (!Double.isNaN(run.throughputFigure)) {
                double r = drainRate / run.throughputFigure;
                results.add("backlog", "drain rate / throughput figure", r, "x", ">= 0.8", Results.check(r >= 0.8));
            }
        }
    }
}
