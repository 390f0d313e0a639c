package dev.hookline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hostile-receivers campaign: post-call deliveries to receivers that hang, reset mid-body,
 * stream a body or headers without end, drip their body or headers, send a garbage status line or
 * redirect to themselves ({@link HostileReceivers}), about 10,000 attempts in all, while a healthy
 * receiver takes a steady trickle of calls. Reports the hub's threads, open file descriptors and
 * heap in use (after a full collection) before, after each of two rounds (a leak grows from one to
 * the next) and their peaks during, the attempts per behaviour with the errors the hub logged for
 * them, and the healthy receiver's latency alone and meanwhile.
 *
 * <pre>java -jar bench/target/hookline-bench.jar --only=hostile</pre>
 */
final class HostileCampaign {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attempts per delivery: the first and two retries, a second apart. */
    private static final Map<String, String> HUB_ENV = Map.of("HOOKLINE_POST_CALL_TIMEOUT", "2s", "HOOKLINE_RETRY_DELAYS", "1s,1s");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private final Path jar;
    private final Path work;
    private final Results results;
    private final boolean quick;

    HostileCampaign(Path jar, Path work, Results results, boolean quick) {
        this.jar = jar;
        this.work = work;
        this.results = results;
        this.quick = quick;
    }

    void run() throws Exception {
        // two rounds of 8 behaviours x 115 hosts x 2 calls, up to 3 attempts each: over 10,000 attempts (a success takes one)
        int hostsPerMode = quick ? 10 : 115;
        try (HostileReceivers hostile = new HostileReceivers(hostsPerMode);
             BenchReceiver healthy = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 8);
             HubUnderTest hub = HubUnderTest.start(jar, work, HUB_ENV);
             LoadClient load = new LoadClient(64)) {
            flow(load, hub, "Healthy", "+15736000000", healthy.url("/hook"));
            List<String> numbers = new ArrayList<>();
            for (HostileReceivers.Mode m : HostileReceivers.Mode.values()) {
                List<String> urls = hostile.urls(m);
                for (int i = 0; i < urls.size(); i++) {
                    String number = "+1574" + (100 + m.ordinal()) + String.format("%04d", i);
                    flow(load, hub, "Hostile " + m, number, urls.get(i));
                    numbers.add(number);
                }
            }
            // the healthy receiver alone, after a warm-up (the JIT, the pools, the first connections)
            Duration healthyWindow = Duration.ofSeconds(quick ? 2 : 30);
            trickle(load, hub, "hw-", 20, healthyWindow, new LatencyProbe("hw-"), new AtomicBoolean());
            LatencyProbe alone = new LatencyProbe("ha-");
            healthy.listen(alone::arrived);
            long aloneSent = trickle(load, hub, "ha-", 20, healthyWindow, alone, new AtomicBoolean());
            settle(alone, aloneSent);
            ProcessFigures before = ProcessFigures.of(hub);
            System.out.println("  hostile: " + numbers.size() + " hostile flows; before: " + before);

            ProcessFigures peak = before;
            LatencyProbe[] during = new LatencyProbe[2];
            long[] healthySent = new long[2];
            ProcessFigures[] afterRound = new ProcessFigures[2];
            double[] seconds = new double[2];
            for (int round = 0; round < 2; round++) {
                String prefix = "hd" + round + "-";
                LatencyProbe probe = during[round] = new LatencyProbe(prefix);
                healthy.listen(probe::arrived);
                AtomicBoolean stop = new AtomicBoolean();
                CompletableFuture<Long> healthyRun = CompletableFuture.supplyAsync(() ->
                        trickle(load, hub, prefix, 20, Duration.ofMinutes(20), probe, stop));
                long t0 = System.nanoTime();
                postCalls(load, hub, numbers, round);
                // until every hostile delivery is final, sampling the hub's threads and descriptors each second
                long deadline = System.nanoTime() + Duration.ofMinutes(quick ? 3 : 15).toNanos();
                while (pending(load, hub) > 0 && System.nanoTime() < deadline) {
                    peak = peak.max(ProcessFigures.sample(hub));
                    Thread.sleep(1000);
                }
                seconds[round] = (System.nanoTime() - t0) / 1e9;
                stop.set(true);
                healthySent[round] = healthyRun.get(60, TimeUnit.SECONDS);
                settle(probe, healthySent[round]);
                // connections to hostile hosts end with their attempts, pooled idle ones after 30 s, the
                // client's per-host state after a minute without use
                Thread.sleep(quick ? 2_000 : 70_000);
                afterRound[round] = ProcessFigures.of(hub);
                System.out.println("  hostile: round " + (round + 1) + " final after " + Math.round(seconds[round]) + " s; then " + afterRound[round]);
            }

            long attempts = 0;
            for (HostileReceivers.Mode m : HostileReceivers.Mode.values()) {
                long n = hostile.requests(m);
                attempts += n;
                results.add("hostile", "attempts that reached " + m.name().toLowerCase().replace('_', ' '), n, "attempts");
            }
            results.add("hostile", "attempts in all (2 rounds x 8 behaviours x " + hostsPerMode + " hosts x 2 calls, up to 3 attempts each)",
                    attempts, "attempts");
            results.add("hostile", "round 1: until every hostile delivery was final", seconds[0], "s");
            results.add("hostile", "round 2: until every hostile delivery was final", seconds[1], "s");
            report("hub threads", "threads", before.threads(), afterRound[0].threads(), afterRound[1].threads(), peak.threads());
            report("hub open file descriptors", "fds", before.fds(), afterRound[0].fds(), afterRound[1].fds(), peak.fds());
            report("hub heap in use after a full GC", "MiB", before.heapMiB(), afterRound[0].heapMiB(), afterRound[1].heapMiB(), Double.NaN);
            results.add("hostile", "hub peak heap in use (GC log), -Xmx256m", hub.peakHeapMiB()[0], "MiB");
            results.add("hostile", "healthy receiver alone: 201 -> receiver p99 (20 calls/s)", alone.percentilesMs()[1], "ms");
            for (int round = 0; round < 2; round++) {
                String when = round == 0 ? "during round 1 (first sight of each behaviour)" : "during round 2";
                results.add("hostile", "healthy receiver " + when + ": 201 -> receiver p99", during[round].percentilesMs()[1], "ms");
                results.add("hostile", "healthy receiver " + when + ": calls accepted", healthySent[round], "calls");
                results.add("hostile", "healthy receiver " + when + ": calls not delivered", healthySent[round] - during[round].count(), "calls");
            }
            alone.dump("hostile-alone");
            during[0].dump("hostile-round1");
            during[1].dump("hostile-round2");
            errors(load, hub).forEach((e, n) -> System.out.println("  last error x" + n + ": " + e));
        }
    }

    private void report(String what, String unit, double before, double round1, double round2, double peak) {
        results.add("hostile", what + ", before", before, unit);
        results.add("hostile", what + ", after round 1", round1, unit);
        results.add("hostile", what + ", after round 2", round2, unit);
        if (!Double.isNaN(peak)) results.add("hostile", what + ", peak during", peak, unit);
    }

    /** Two calls to every hostile flow; a resend (same call_id) when a pooled connection was closed under the request. */
    private static void postCalls(LoadClient load, HubUnderTest hub, List<String> numbers, int round) throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<LoadClient.Reply>> posted = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (String number : numbers) {
                String id = "h-" + round + "-" + c + "-" + number.substring(1);
                ids.add(id);
                posted.add(load.post(hub.base() + "/api/v1/calls", "application/json", Payloads.callReport(id, number), HubUnderTest.KEY));
            }
        }
        for (int i = 0; i < posted.size(); i++) {
            LoadClient.Reply r = posted.get(i).get(60, TimeUnit.SECONDS);
            String number = numbers.get(i % numbers.size());
            for (int tries = 0; r.status() < 0 && tries < 3; tries++) {
                r = load.post(hub.base() + "/api/v1/calls", "application/json", Payloads.callReport(ids.get(i), number), HubUnderTest.KEY)
                        .get(60, TimeUnit.SECONDS);
            }
            if (r.status() != 201 && r.status() != 200) throw new IllegalStateException("call refused: " + r.status() + " " + r.body());
        }
    }

    private static void settle(LatencyProbe probe, long sent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (probe.count() < sent && System.nanoTime() < deadline) Thread.sleep(10);
    }

    private static void flow(LoadClient load, HubUnderTest hub, String name, String number, String url) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + "/api/v1/call-flows", "application/json", Payloads.flow(name, number, url), HubUnderTest.KEY).get();
        if (r.status() != 201) throw new IllegalStateException("flow not created: " + r.status() + " " + r.body());
    }

    /** Calls to the healthy flow at {@code perSecond} until {@code d} passes or {@code stop} is set; returns how many were accepted. */
    private static long trickle(LoadClient load, HubUnderTest hub, String prefix, int perSecond, Duration d, LatencyProbe probe, AtomicBoolean stop) {
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        List<CompletableFuture<LoadClient.Reply>> all = new ArrayList<>();
        for (long i = 0; System.nanoTime() - start < d.toNanos() && !stop.get(); i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            String id = prefix + i;
            probe.sent(id, System.nanoTime());
            all.add(load.fire(hub.base() + "/api/v1/calls", "application/json", Payloads.callReport(id, "+15736000000"), HubUnderTest.KEY)
                    .whenComplete((r, e) -> {
                        if (r != null && r.status() == 201) probe.accepted(id, System.nanoTime());
                    }));
        }
        return all.stream().map(CompletableFuture::join).filter(r -> r.status() == 201).count();
    }

    private static long pending(LoadClient load, HubUnderTest hub) throws Exception {
        LoadClient.Reply r = load.get(hub.base() + "/api/v1/webhook-deliveries?status=pending&limit=1", HubUnderTest.KEY).get(30, TimeUnit.SECONDS);
        return JSON.readTree(r.body()).get("data").size();
    }

    /** The last error of every final hostile delivery, URLs reduced to their path, with counts. */
    private static Map<String, Integer> errors(LoadClient load, HubUnderTest hub) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        for (String status : new String[] {"failed", "succeeded"}) {
            String cursor = null;
            do {
                String url = hub.base() + "/api/v1/webhook-deliveries?limit=100&status=" + status + (cursor == null ? "" : "&cursor=" + cursor);
                JsonNode page = JSON.readTree(load.get(url, HubUnderTest.KEY).get(30, TimeUnit.SECONDS).body());
                for (JsonNode d : page.get("data")) {
                    if (d.get("url").asText().contains("/hook/")) {
                        String mode = d.get("url").asText().replaceAll(".*/hook/", "");
                        String e = d.get("last_error").isNull() ? "(none: " + status + ")" : d.get("last_error").asText().replaceAll("http://[0-9.:]+", "");
                        out.merge(mode + ": " + e, 1, Integer::sum);
                    }
                }
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
        }
        return out;
    }

    /** Threads, open descriptors and heap in use (MiB; NaN when not measured) of the hub process. */
    record ProcessFigures(long threads, long fds, double heapMiB) {

        /** Now, with the heap measured after a full collection. */
        static ProcessFigures of(HubUnderTest hub) throws Exception {
            jcmd(hub, "GC.run");
            Matcher m = HEAP_USED.matcher(jcmd(hub, "GC.heap_info"));
            double heap = m.find() ? Long.parseLong(m.group(1)) / 1024.0 : Double.NaN;
            ProcessFigures s = sample(hub);
            return new ProcessFigures(s.threads(), s.fds(), heap);
        }

        static ProcessFigures sample(HubUnderTest hub) throws IOException {
            long pid = hub.process.pid();
            long threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) threads = Long.parseLong(line.replaceAll("\\D", ""));
            }
            long fds;
            try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                fds = s.count();
            }
            return new ProcessFigures(threads, fds, Double.NaN);
        }

        ProcessFigures max(ProcessFigures o) {
            return new ProcessFigures(Math.max(threads, o.threads), Math.max(fds, o.fds), Double.NaN);
        }

        private static String jcmd(HubUnderTest hub, String command) throws Exception {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(hub.process.pid()),
                    command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        }
    }
}
