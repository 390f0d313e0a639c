package dev.hookline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * 8. Retention: ingest latency while a prune of old calls runs. A first hub (retention off) takes
 * the old calls through the API, with {@code created_at} 400 days back, then a minute of live calls
 * at a fixed rate and 30 s measured: POST /calls p99 without a prune. A second hub on the same data
 * (retention 30 days) gets the same live load from its start; its first pass begins a minute
 * after start. The windows (prune, space given back, after) are read off the hub's own
 * {@code /metrics}; each is the p99 of the calls sent inside it. File sizes before and after.
 */
final class RetentionRun {
    private static final String OLD = "+15735550006";
    private static final String LIVE = "+15735550007";
    private static final Pattern REMOVED = Pattern.compile("hookline_retention_removed_total\\{kind=\"calls\"} ([0-9.E]+)");
    private static final Pattern RECLAIMED = Pattern.compile("hookline_retention_reclaimed_bytes_total ([0-9.E]+)");

    private final Path jar;
    private final Path work;
    private final Results results;
    private final Duration warmUp;
    private final Duration window;
    private final int rate;
    private final HttpClient http = HttpClient.newHttpClient();

    /** One live call: when it was sent (nanos) and how long its 201 took (micros; -1 when refused). */
    private record Sample(long sentNanos, long micros) {}

    RetentionRun(Path jar, Path work, Results results, Duration warmUp, Duration window, int rate) {
        this.jar = jar;
        this.work = work;
        this.results = results;
        this.warmUp = warmUp;
        this.window = window;
        this.rate = rate;
    }

    void run(int rows) throws Exception {
        Path dataDir;
        double without;
        long before;
        long refused = 0;
        try (BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(32)) {
            try (HubUnderTest a = HubUnderTest.start(jar, work, Map.of("HOOKLINE_RETENTION", "0"))) {
                dataDir = a.dataDir;
                post(load, a, "/api/v1/call-flows", "{\"name\":\"Old\",\"tracking_numbers\":[\"" + OLD + "\"]}");
                post(load, a, "/api/v1/call-flows", Payloads.flow("Live", LIVE, receiver.url("/hook")));
                long t0 = System.nanoTime();
                fill(load, a, rows);
                double fillSecs = (System.nanoTime() - t0) / 1e9;
                results.add("retention", "old calls taken through the API (created_at 400 days back)", rows, "calls");
                results.add("retention", "their accept rate", rows / fillSecs, "calls/s");
                ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                Thread live = liveLoad(load, a, samples, stop);
                Thread.sleep(warmUp.toMillis());
                long from = System.nanoTime();
                Thread.sleep(window.toMillis());
                long to = System.nanoTime();
                stop.set(true);
                live.join();
                without = p99(samples, from, to);
                refused += refused(samples);
                before = a.databaseBytes();
                results.add("retention", "database with them (file + log)", before / 1048576.0, "MiB");
                results.add("retention", "POST /calls p99 at " + rate + "/s, retention off", without, "ms");
            }
            try (HubUnderTest b = HubUnderTest.start(jar, dataDir, "-b", Map.of("HOOKLINE_RETENTION", "30d"))) {
                ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                Thread live = liveLoad(load, b, samples, stop);
                long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                long pruneStart = 0, pruneEnd = 0, reclaimEnd = 0, lastReclaimChange = 0;
                double lastReclaimed = 0;
                while (System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    String m = metrics(b);
                    double removed = value(REMOVED, m), reclaimed = value(RECLAIMED, m);
                    long now = System.nanoTime();
                    if (pruneStart == 0 && removed > 0) pruneStart = now;
                    if (pruneEnd == 0 && removed >= rows) pruneEnd = now;
                    if (reclaimed != lastReclaimed) {
                        lastReclaimed = reclaimed;
                        lastReclaimChange = now;
                    }
                    if (pruneEnd > 0 && now - Math.max(pruneEnd, lastReclaimChange) > 5_000_000_000L) {
                        reclaimEnd = lastReclaimChange == 0 ? pruneEnd : Math.max(pruneEnd, lastReclaimChange);
                        break;
                    }
                }
                if (reclaimEnd == 0) throw new IllegalStateException("the prune did not finish within 30 minutes (pruned so far: " + metrics(b) + ")");
                long afterFrom = System.nanoTime();
                Thread.sleep(window.toMillis());
                long afterTo = System.nanoTime();
                stop.set(true);
                live.join();
                refused += refused(samples);
                double during = p99(samples, pruneStart, pruneEnd);
                double reclaiming = reclaimEnd > pruneEnd ? p99(samples, pruneEnd, reclaimEnd) : Double.NaN;
                double after = p99(samples, afterFrom, afterTo);
                results.add("retention", "POST /calls p99 at " + rate + "/s while the prune runs", during, "ms");
                results.add("retention", "ratio during prune / retention off", during / Math.max(without, 0.001), "x");
                results.add("retention", "POST /calls p99 while space goes back to the file", reclaiming, "ms");
                results.add("retention", "POST /calls p99 after both", after, "ms");
                double secs = (pruneEnd - pruneStart) / 1e9;
                results.add("retention", "prune of the " + rows + " old calls", secs, "s");
                results.add("retention", "prune rate", rows / Math.max(secs, 0.001), "calls/s");
                results.add("retention", "giving space back", (reclaimEnd - pruneEnd) / 1e9, "s");
                results.add("retention", "space given back", lastReclaimed / 1048576.0, "MiB");
                Thread.sleep(2_000); // the background checkpoint cuts the file
                results.add("retention", "database after (file + log)", b.databaseBytes() / 1048576.0, "MiB");
                results.add("retention", "database file after (without the log)", b.databaseFileBytes() / 1048576.0, "MiB");
                results.add("retention", "live calls not accepted (any run)", refused, "calls");
            }
        }
    }

    private void fill(LoadClient load, HubUnderTest hub, int rows) throws Exception {
        long oldest = Instant.now().minus(Duration.ofDays(400)).toEpochMilli();
        String url = hub.base() + "/api/v1/calls";
        List<CompletableFuture<LoadClient.Reply>> pending = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String at = Instant.ofEpochMilli(oldest + i * 10L).toString();
            String body = Payloads.callReport("old-" + i, OLD);
            body = body.substring(0, body.length() - 1) + ",\"created_at\":\"" + at + "\"}";
            pending.add(load.post(url, "application/json", body, HubUnderTest.KEY));
            if (pending.size() >= 4096) drain(pending);
        }
        drain(pending);
    }

    private static void drain(List<CompletableFuture<LoadClient.Reply>> pending) throws Exception {
        for (CompletableFuture<LoadClient.Reply> f : pending) {
            LoadClient.Reply r = f.get(60, TimeUnit.SECONDS);
            if (r.status() != 201) throw new IllegalStateException("old call refused: " + r.status() + " " + r.body());
        }
        pending.clear();
    }

    /** Live calls at the fixed rate until {@code stop}, each one's 201 time kept with when it was sent. */
    private Thread liveLoad(LoadClient load, HubUnderTest hub, ConcurrentLinkedQueue<Sample> samples, AtomicBoolean stop) {
        String url = hub.base() + "/api/v1/calls";
        AtomicLong seq = new AtomicLong();
        String prefix = "live-" + hub.port + "-";
        Thread t = new Thread(() -> {
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (long i = 0; !stop.get(); i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                long sent = System.nanoTime();
                all.add(load.fire(url, "application/json", Payloads.callReport(prefix + seq.incrementAndGet(), LIVE), HubUnderTest.KEY)
                        .whenComplete((r, e) -> samples.add(new Sample(sent, r != null && r.status() == 201 ? (System.nanoTime() - sent) / 1000 : -1))));
                if (all.size() > 10_000) all.removeIf(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).orTimeout(60, TimeUnit.SECONDS).exceptionally(x -> null).join();
        }, "bench-live-load");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double p99(ConcurrentLinkedQueue<Sample> samples, long from, long to) {
        Histogram h = new Histogram(60_000_000L, 3);
        for (Sample s : samples) {
            if (s.sentNanos() >= from && s.sentNanos() < to && s.micros() >= 0) h.recordValue(Math.min(s.micros(), h.getHighestTrackableValue()));
        }
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
    }

    private static long refused(ConcurrentLinkedQueue<Sample> samples) {
        return samples.stream().filter(s -> s.micros() < 0).count();
    }

    private String metrics(HubUnderTest hub) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub.base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void post(LoadClient load, HubUnderTest hub, String path, String body) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + path, "application/json", body, HubUnderTest.KEY).get(30, TimeUnit.SECONDS);
        if (r.status() != 201) throw new IllegalStateException(path + " answered " + r.status() + ": " + r.body());
    }
}
