package dev.hookline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/** The load shapes the scenarios share (flat out, fixed rate) and the small helpers around them. */
final class Loads {
    private Loads() {}

    static void createFlow(LoadClient load, HubUnderTest hub, String name, String number, String url) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + "/api/v1/call-flows", "application/json", Payloads.flow(name, number, url), HubUnderTest.KEY).get();
        if (r.status() != 201) throw new IllegalStateException("flow not created: " + r.status() + " " + r.body());
    }

    /** Keeps the client's requests in flight for {@code d}; returns how many completed 2xx. */
    static long runFor(LoadClient load, Duration d, String url, LongFunction<String> body, String key) throws Exception {
        long end = System.nanoTime() + d.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long i = 0;
        List<CompletableFuture<LoadClient.Reply>> last = new ArrayList<>();
        while (System.nanoTime() < end) {
            CompletableFuture<LoadClient.Reply> f = load.post(url, "application/json", body.apply(i++), key);
            f.thenAccept(r -> (r.status() >= 200 && r.status() < 300 ? ok : failed).incrementAndGet());
            last.add(f);
            if (last.size() > 10_000) last.clear();
        }
        CompletableFuture.allOf(last.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        if (failed.get() > 0) System.out.println("  (" + failed.get() + " requests failed)");
        return ok.get();
    }

    /** Sends calls at a fixed rate for {@code d}, telling {@code probe} when each 201 arrives. Returns calls sent. */
    static long fixedRate(LoadClient load, HubUnderTest hub, String number, int perSecond, Duration d, String prefix, LatencyProbe probe)
            throws Exception {
        long interval = 1_000_000_000L / perSecond;
        long total = d.toSeconds() * perSecond;
        String url = hub.base() + "/api/v1/calls";
        List<CompletableFuture<LoadClient.Reply>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            String id = prefix + i;
            probe.sent(id, System.nanoTime());
            all.add(load.fire(url, "application/json", Payloads.callReport(id, number), HubUnderTest.KEY)
                    .whenComplete((r, e) -> {
                        if (r != null && r.status() == 201) probe.accepted(id, System.nanoTime());
                    }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        Map<String, Long> refused = new TreeMap<>();
        for (CompletableFuture<LoadClient.Reply> f : all) {
            LoadClient.Reply r = f.join();
            if (r.status() != 201) refused.merge(r.status() + " " + r.body(), 1L, Long::sum);
        }
        refused.forEach((r, c) -> System.out.println("  (" + c + " calls not accepted: " + r + ")"));
        return all.size() - refused.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * How many deliveries have a failed attempt (pending with an error, or failed), printing the
     * distinct errors: a healthy receiver should see none, and one that did explains a slow tail.
     */
    static long failedAttempts(LoadClient load, HubUnderTest hub) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> errors = new TreeMap<>();
        long n = 0;
        long unattempted = 0;
        for (String status : new String[] {"pending", "failed"}) {
            String cursor = null;
            do {
                String url = hub.base() + "/api/v1/webhook-deliveries?limit=100&status=" + status + (cursor == null ? "" : "&cursor=" + cursor);
                LoadClient.Reply r = load.get(url, HubUnderTest.KEY).get(30, TimeUnit.SECONDS);
                if (r.status() != 200) throw new IllegalStateException("deliveries not listed: " + r.status() + " " + r.body());
                JsonNode page = json.readTree(r.body());
                for (JsonNode d : page.get("data")) {
                    if (d.get("last_error").isNull()) {
                        unattempted++;
                        continue;
                    }
                    n++;
                    errors.merge(d.get("last_error").asText(), 1, Integer::sum);
                }
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
        }
        if (unattempted > 0) System.out.println("  (" + unattempted + " deliveries pending without a failed attempt)");
        errors.forEach((e, c) -> System.out.println("  failed attempt x" + c + ": " + e));
        return n;
    }

    /**
     * A full collection of the bench's own heap before a latency window: its young collections copy
     * whatever it made since the last one, and one landing inside a window paused the load generator
     * and every receiver for tens of ms. Collected here, those objects are old before the window starts.
     */
    static void collectBenchGarbage() {
        System.gc();
    }

    /** Waits for every pending call report's 201, then forgets them. */
    static void drain(List<CompletableFuture<LoadClient.Reply>> pending) throws Exception {
        for (CompletableFuture<LoadClient.Reply> f : pending) {
            LoadClient.Reply r = f.get(60, TimeUnit.SECONDS);
            if (r.status() != 201) throw new IllegalStateException("call refused: " + r.status() + " " + r.body());
        }
        pending.clear();
    }

    static void waitUntil(BooleanSupplier done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    static double selfCpuMillis() {
        return cpuMillis(ProcessHandle.current());
    }

    /** CPU time a process has used so far (user + system), in ms. */
    static double cpuMillis(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }
}
