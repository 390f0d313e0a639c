package dev.hookline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The scale-out campaign ({@code --only=scaleout}): the same flat-out load on one SQLite hub and on
 * 1, 2 and 3 hubs sharing one PostgreSQL server started by the bench (calls spread round-robin),
 * then 3 hubs taking {@code bench.scaleoutKillCalls} calls while one of them is killed with SIGKILL
 * half-way and started again: every accepted call must arrive, and sends of one delivery id past
 * the first are counted. Everything runs on this machine's cores, server included.
 */
final class ScaleOut {
    private static final String NUMBER = "+15735550009";
    private static final String KEY = HubUnderTest.KEY;

    private final Path jar;
    private final Path work;
    private final boolean quick;
    private final Results results;

    ScaleOut(Path jar, Path work, boolean quick, Results results) {
        this.jar = jar;
        this.work = work;
        this.quick = quick;
        this.results = results;
    }

    void run() throws Exception {
        int calls = Integer.getInteger("bench.scaleoutCalls", quick ? 2_000 : 20_000);
        int warm = quick ? 300 : 5_000;
        try (PgServer pg = PgServer.start();
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(32)) {
            // -Dbench.scaleoutRuns picks some of them, e.g. "kill,3" (0 is the SQLite hub)
            List<String> runs = List.of(System.getProperty("bench.scaleoutRuns", "0,1,2,3,kill").split(","));
            if (runs.contains("kill")) killOne(pg, receiver, load, Integer.getInteger("bench.scaleoutKillCalls", quick ? 5_000 : 100_000));
            if (runs.contains("0")) {
                try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of())) {
                    measure("sqlite x1", List.of(hub), null, receiver, load, warm, calls);
                }
            }
            for (int n = 1; n <= 3; n++) {
                if (!runs.contains(Integer.toString(n))) continue;
                String url = pg.createDatabase("scale" + n);
                List<HubUnderTest> hubs = new ArrayList<>();
                try {
                    for (int i = 0; i < n; i++) hubs.add(HubUnderTest.start(jar, work, Map.of("HOOKLINE_DATABASE_URL", url)));
                    measure("postgres x" + n, hubs, pg, receiver, load, warm, calls);
                } finally {
                    for (HubUnderTest h : hubs) h.close();
                }
            }
        }
    }

    /** Flat out: throughput from the first POST to the last arrival, and each call's 201 -> receiver. */
    private void measure(String label, List<HubUnderTest> hubs, PgServer pg, BenchReceiver receiver, LoadClient load, int warm, int calls)
            throws Exception {
        createFlow(load, hubs.get(0), receiver.url("/hook"));
        String prefix = label.replace(' ', '_') + "-";
        LatencyProbe warmProbe = new LatencyProbe(prefix + "w");
        receiver.listen(warmProbe::arrived);
        send(load, hubs, prefix + "w", warm, warmProbe);
        waitUntil(() -> warmProbe.count() >= warm, Duration.ofSeconds(120));
        LatencyProbe probe = new LatencyProbe(prefix + "m");
        AtomicLong lastArrival = new AtomicLong();
        receiver.listen((id, t) -> {
            probe.arrived(id, t);
            if (id != null && id.startsWith(prefix + "m")) lastArrival.accumulateAndGet(t, Math::max);
        });
        double hubCpu0 = hubs.stream().mapToDouble(HubUnderTest::cpuMillis).sum();
        double dbCpu0 = pg == null ? 0 : pg.cpuMillis();
        long t0 = System.nanoTime();
        long accepted = send(load, hubs, prefix + "m", calls, probe);
        long acceptedAt = System.nanoTime();
        waitUntil(() -> probe.count() >= accepted, Duration.ofSeconds(300));
        double secs = (lastArrival.get() - t0) / 1e9;
        double hubCpu = hubs.stream().mapToDouble(HubUnderTest::cpuMillis).sum() - hubCpu0;
        double[] p = probe.percentilesMs();
        results.add("scaleout", label + ": calls accepted", accepted / ((acceptedAt - t0) / 1e9), "calls/s");
        results.add("scaleout", label + ": calls delivered (first POST to last arrival)", probe.count() / secs, "calls/s");
        results.add("scaleout", label + ": 201 -> receiver p50", p[0], "ms");
        results.add("scaleout", label + ": 201 -> receiver p99", p[1], "ms");
        results.add("scaleout", label + ": hub CPU per call (all hubs)", hubCpu / Math.max(1, accepted), "ms");
        if (pg != null) results.add("scaleout", label + ": PostgreSQL CPU per call", (pg.cpuMillis() - dbCpu0) / Math.max(1, accepted), "ms");
    }

    /** Sends {@code n} calls round-robin over the hubs, 32 in flight; returns how many got 201. */
    private static long send(LoadClient load, List<HubUnderTest> hubs, String prefix, int n, LatencyProbe probe) throws Exception {
        AtomicLong ok = new AtomicLong();
        List<CompletableFuture<LoadClient.Reply>> last = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            HubUnderTest hub = hubs.get(i % hubs.size());
            probe.sent(id, System.nanoTime());
            CompletableFuture<LoadClient.Reply> f = load.post(hub.base() + "/api/v1/calls", "application/json", Payloads.callReport(id, NUMBER), KEY);
            f.thenAccept(r -> {
                if (r.status() == 201) {
                    probe.accepted(id, System.nanoTime());
                    ok.incrementAndGet();
                }
            });
            last.add(f);
            if (last.size() > 10_000) last.clear();
        }
        CompletableFuture.allOf(last.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        return ok.get();
    }

    /** Three hubs, one killed with SIGKILL half-way and started again; every accepted call must arrive. */
    private void killOne(PgServer pg, BenchReceiver receiver, LoadClient load, int calls) throws Exception {
        String url = pg.createDatabase("scalekill");
        Map<String, String> env = Map.of("HOOKLINE_DATABASE_URL", url);
        AtomicReferenceArray<HubUnderTest> hubs = new AtomicReferenceArray<>(3);
        for (int i = 0; i < 3; i++) hubs.set(i, HubUnderTest.start(jar, work, env));
        try {
            createFlow(load, hubs.get(0), receiver.url("/hook"));
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            Set<String> arrivedCalls = ConcurrentHashMap.newKeySet();
            Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
            receiver.listen((id, t) -> { });
            receiver.listenBodies(body -> {
                String call = BenchReceiver.callId(body);
                if (call == null || !call.startsWith("k-")) return;
                arrivedCalls.add(call);
                sends.computeIfAbsent(BenchReceiver.field(body, "delivery_id"), k -> new AtomicInteger()).incrementAndGet();
            });
            AtomicLong refused = new AtomicLong();
            long t0 = System.nanoTime();
            long[] killedAt = {0};
            Thread restarter = null;
            List<CompletableFuture<LoadClient.Reply>> last = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                if (i == calls / 2) {
                    HubUnderTest victim = hubs.getAndSet(1, null);
                    victim.process.destroyForcibly().waitFor();
                    killedAt[0] = System.nanoTime();
                    System.out.println("  killed hub 2 (SIGKILL) after " + i + " calls; starting it again in 5 s");
                    restarter = new Thread(() -> {
                        try {
                            Thread.sleep(5_000);
                            hubs.set(1, HubUnderTest.start(jar, work, env));
                        } catch (Exception e) {
                            System.out.println("  (restart failed: " + e + ")");
                        }
                    }, "bench-restart");
                    restarter.start();
                }
                HubUnderTest hub = hubs.get(i % 3);
                if (hub == null) hub = hubs.get((i + 1) % 3);
                String id = "k-" + i;
                CompletableFuture<LoadClient.Reply> f = load.post(hub.base() + "/api/v1/calls", "application/json",
                        Payloads.callReport(id, NUMBER), KEY);
                f.thenAccept(r -> {
                    if (r.status() == 201) accepted.add(id);
                    else refused.incrementAndGet();
                });
                last.add(f);
                if (last.size() > 10_000) last.clear();
            }
            CompletableFuture.allOf(last.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
            double sendSecs = (System.nanoTime() - t0) / 1e9;
            if (restarter != null) restarter.join(60_000);
            waitUntil(() -> arrivedCalls.containsAll(accepted), Duration.ofSeconds(quick ? 120 : 300));
            double allSecs = (System.nanoTime() - t0) / 1e9;
            long missing = accepted.stream().filter(id -> !arrivedCalls.contains(id)).count();
            long duplicated = sends.values().stream().filter(c -> c.get() > 1).count();
            long extra = sends.values().stream().mapToLong(c -> c.get() - 1).sum();
            results.add("scaleout-kill", "calls sent to 3 hubs on PostgreSQL (one killed half-way, restarted 5 s later)", calls, "calls");
            results.add("scaleout-kill", "calls accepted (201)", accepted.size(), "calls");
            results.add("scaleout-kill", "calls not accepted (cut off by the kill: no 201, may or may not be stored)", refused.get(), "calls");
            results.add("scaleout-kill", "accepted calls never delivered", missing, "calls", "0", Results.check(missing == 0));
            results.add("scaleout-kill", "delivery ids sent more than once", duplicated, "deliveries");
            results.add("scaleout-kill", "sends past the first of one delivery id", extra, "sends");
            results.add("scaleout-kill", "accept rate over the run", accepted.size() / sendSecs, "calls/s");
            results.add("scaleout-kill", "first POST to the last accepted call arriving", allSecs, "s");
        } finally {
            for (int i = 0; i < 3; i++) {
                HubUnderTest h = hubs.get(i);
                if (h != null) h.close();
            }
        }
    }

    private static void createFlow(LoadClient load, HubUnderTest hub, String url) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + "/api/v1/call-flows", "application/json", Payloads.flow("ScaleOut", NUMBER, url), KEY).get();
        if (r.status() != 201) throw new IllegalStateException("flow not created: " + r.status() + " " + r.body());
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
    }
}
