package dev.hookline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Hookline's benchmarks. Starts the real hub jar as a child process ({@code -Xmx256m}, temp data
 * dir) with loopback receivers in this process, and reports every figure next to a baseline taken
 * in the same run: the load generator posting the same payload straight to a receiver.
 *
 * <pre>java -jar bench/target/hookline-bench.jar [--quick] [--jar dist/target/hookline.jar] [--out bench/results]</pre>
 */
public final class BenchMain {
    private final Path jar;
    private final Path work;
    private final boolean quick;
    private final Results results;
    private final int concurrency = 32;
    private int backlogSize;
    /** The throughput figure of this run (calls/s accepted and delivered), for the backlog's drain ratio. */
    private double throughputFigure = Double.NaN;

    private BenchMain(Path jar, Path work, boolean quick, Results results) {
        this.jar = jar;
        this.work = work;
        this.quick = quick;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path jar = Path.of("dist/target/hookline.jar");
        Path out = Path.of("bench/results");
        Set<String> only = Set.of();
        Integer backlogCalls = null;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else if (a.startsWith("--jar=")) jar = Path.of(a.substring(6));
            else if (a.startsWith("--out=")) out = Path.of(a.substring(6));
            else if (a.startsWith("--only=")) only = Set.of(a.substring(7).split(","));
            else if (a.startsWith("--backlog=")) backlogCalls = Integer.parseInt(a.substring(10));
            else throw new IllegalArgumentException("unknown argument " + a + " (use --quick, --jar=PATH, --out=DIR, --only=a,b (throughput, latency, isolation, backlog, incall, startup, retention, dashboard, hostile, diskfull, scaleout), --backlog=N)");
        }
        if (!Files.exists(jar)) throw new IllegalStateException(jar + " not found: build with mvn -q -DskipTests package first");
        String command = "java -jar bench/target/hookline-bench.jar" + (quick ? " --quick" : "") + (only.isEmpty() ? "" : " --only=" + String.join(",", only))
                + (backlogCalls == null ? "" : " --backlog=" + backlogCalls);
        Results results = new Results(command);
        Path work = Files.createTempDirectory("hookline-bench");
        BenchMain bench = new BenchMain(jar, work, quick, results);
        bench.backlogSize = backlogCalls != null ? backlogCalls : quick ? 5_000 : 1_000_000;
        System.out.println("Hookline benchmarks" + (quick ? " (quick: short windows, smaller backlog; figures are a smoke check only)" : ""));
        if (only.isEmpty() || only.contains("throughput")) bench.throughput(bench.baseline());
        if (only.isEmpty() || only.contains("latency")) bench.latency();
        if (only.isEmpty() || only.contains("isolation")) bench.isolation();
        if (only.isEmpty() || only.contains("backlog")) bench.backlog();
        if (only.isEmpty() || only.contains("incall")) bench.inCall();
        if (only.isEmpty() || only.contains("startup")) bench.startup();
        if (only.contains("diskfull")) DiskFullCampaign.run(jar, work, results, quick); // mounts a tmpfs: root only, never by default
        if (only.contains("scaleout")) new ScaleOut(jar, work, quick, results).run(); // its own server and minutes of load: asked for by name
        if (only.isEmpty() || only.contains("retention")) {
            int rows = Integer.getInteger("bench.retentionRows", quick ? 20_000 : 1_000_000);
            new RetentionRun(jar, work, results, bench.warmUp(), bench.window(30, 5), Integer.getInteger("bench.retentionRate", 500)).run(rows);
        }
        if (only.isEmpty() || only.contains("dashboard")) {
            // the pages with a full store: -Dbench.dashboardCalls=N (default 100,000)
            new DashboardBench(jar, work, results, Integer.getInteger("bench.dashboardCalls", quick ? 5_000 : 100_000), quick ? 20 : 100).run();
        }
        if (only.isEmpty() || only.contains("hostile")) new HostileCampaign(jar, work, results, quick).run();
        // a partial run writes under its scenarios' names and leaves the full run's figures alone
        String stem = quick ? "quick" : only.isEmpty() ? "latest" : String.join("-", new java.util.TreeSet<>(only));
        results.write(out, stem);
        System.out.println("\nwrote " + out.resolve(stem + ".md") + " and " + out.resolve(stem + ".json"));
        System.exit(0);
    }

    private Duration window(int fullSeconds, int quickSeconds) {
        return Duration.ofSeconds(quick ? quickSeconds : fullSeconds);
    }

    /** How long each fixed-rate run loads the hub before measuring ({@code -Dbench.warmupSeconds}). */
    private Duration warmUp() {
        return window(Integer.getInteger("bench.warmupSeconds", 60), 1);
    }

    /**
     * How long the flat-out runs (throughput, relay) load their process before measuring
     * ({@code -Dbench.loadWarmupSeconds}). Under full load on two cores the hub's JIT keeps
     * compiling for two minutes and more: its CPU per call was 0.88-1.07 ms 60-90 s after start and
     * 0.50 ms 150-180 s after. The warm-up is reported in 30 s slices, so a run shows whether it settled.
     */
    private Duration loadWarmUp() {
        return window(Integer.getInteger("bench.loadWarmupSeconds", 150), 1);
    }

    /**
     * Loads a process flat out for the flat-out runs' warm-up, in 30 s slices, and reports its CPU per
     * call in each: the figure falls while the JIT is still compiling and levels once it is done.
     */
    private void warmUpFlatOut(String scenario, LoadClient load, String url, java.util.function.LongFunction<String> body, String key,
                               java.util.function.DoubleSupplier processCpuMillis) throws Exception {
        long total = loadWarmUp().toMillis();
        long slice = quick ? total : 30_000;
        for (long done = 0; done < total; done += slice) {
            long len = Math.min(slice, total - done);
            double cpu0 = processCpuMillis.getAsDouble();
            long n = runFor(load, Duration.ofMillis(len), url, body, key);
            double perCall = (processCpuMillis.getAsDouble() - cpu0) / Math.max(1, n);
            if (!quick) results.add(scenario, "warm-up " + done / 1000 + "-" + (done + len) / 1000 + " s: CPU per call", perCall, "ms");
        }
    }

    /** 1. The machine's raw loopback rate for this payload and client: the denominator of every ratio. */
    double baseline() throws Exception {
        try (BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(concurrency)) {
            String url = receiver.url("/hook");
            String body = Payloads.webhookPayload("baseline");
            // the denominator of every ratio: as long a window as the hub's, after the bench's own
            // JIT has settled (with 10 s + 10 s it moved between 5,500 and 13,000 req/s across runs, its
            // own CPU per request between 0.16 and 0.32 ms)
            runFor(load, window(30, 1), url, i -> body, null);
            long before = receiver.received();
            double cpu0 = selfCpuMillis();
            long t0 = System.nanoTime();
            long sent = runFor(load, window(30, 2), url, i -> body, null);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = selfCpuMillis() - cpu0;
            double rate = (receiver.received() - before) / secs;
            results.add("baseline", "receiver POSTs/s, " + concurrency + " in flight, " + body.length() + " B", rate, "req/s");
            results.add("baseline", "load generator + receiver CPU per request", cpu / Math.max(1, sent), "ms");
            return sent == 0 ? Double.NaN : rate;
        }
    }

    /** 2. Calls accepted and deliveries completed per second when the hub is pushed as hard as it accepts. */
    void throughput(double baseline) throws Exception {
        try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of());
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(concurrency)) {
            createFlow(load, hub, "Throughput", "+15735550001", receiver.url("/hook"));
            String url = hub.base() + "/api/v1/calls";
            AtomicLong seq = new AtomicLong();
            // full load until the hub has settled (see loadWarmUp): with 15 s the window caught it at
            // 1.5-1.7 ms of CPU per call, with 60 s at 0.9-1.1 ms, with 150 s at 0.5 ms
            warmUpFlatOut("throughput", load, url, i -> Payloads.callReport("w-" + seq.incrementAndGet(), "+15735550001"), HubUnderTest.KEY,
                    hub::cpuMillis);
            long delivered0 = receiver.received();
            double hubCpu0 = hub.cpuMillis();
            double benchCpu0 = selfCpuMillis();
            long t0 = System.nanoTime();
            long accepted = runFor(load, window(30, 2), url, i -> Payloads.callReport("t-" + seq.incrementAndGet(), "+15735550001"), HubUnderTest.KEY);
            long t1 = System.nanoTime();
            double secs = (t1 - t0) / 1e9;
            double hubCpu = hub.cpuMillis() - hubCpu0;
            double benchCpu = selfCpuMillis() - benchCpu0;
            double acceptedRate = accepted / secs;
            double deliveredRate = (receiver.received() - delivered0) / secs;
            results.add("throughput", "calls accepted (201, durably stored)", acceptedRate, "calls/s");
            results.add("throughput", "deliveries completed in the same window", deliveredRate, "deliv/s");
            double ratio = Math.min(acceptedRate, deliveredRate) / baseline;
            results.add("throughput", "ratio to baseline (min of the two)", ratio, "x", ">= 0.4", Results.check(ratio >= 0.4));
            // CPU per call is steadier than rates on a shared machine: it is what profiling work moves
            results.add("throughput", "hub CPU per call (user + system)", hubCpu / Math.max(1, accepted), "ms");
            results.add("throughput", "load generator + receiver CPU per call", benchCpu / Math.max(1, accepted), "ms");
            results.add("throughput", "hub heap allocated per call (from the GC log)", hub.allocatedMiB(t0, t1) * 1024 / Math.max(1, accepted), "KiB");
            waitUntil(() -> receiver.received() >= seq.get(), Duration.ofSeconds(60));
            throughputFigure = Math.min(acceptedRate, deliveredRate);
            results.add("throughput", "highest sustained rate (accept and deliver)", throughputFigure, "calls/s");
        }
        relay(baseline);
    }

    /**
     * The ceiling for any hub on this stack: a bare Jetty relay process (two exchanges per call,
     * nothing parsed or stored) under the same load. Hub ÷ relay is the share of that ceiling the
     * hub reaches with its storage, validation, signing and API on top.
     */
    void relay(double baseline) throws Exception {
        try (BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(concurrency)) {
            Process relay = Relay.start(receiver.url("/hook"));
            try {
                String url = "http://127.0.0.1:" + Relay.port(relay) + "/calls";
                AtomicLong seq = new AtomicLong();
                warmUpFlatOut("relay", load, url, i -> Payloads.callReport("rw-" + seq.incrementAndGet(), "+15735550001"), null,
                        () -> cpuMillis(relay.toHandle()));
                long delivered0 = receiver.received();
                double cpu0 = cpuMillis(relay.toHandle());
                long t0 = System.nanoTime();
                long accepted = runFor(load, window(30, 2), url, i -> Payloads.callReport("rt-" + seq.incrementAndGet(), "+15735550001"), null);
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = cpuMillis(relay.toHandle()) - cpu0;
                double rate = Math.min(accepted, receiver.received() - delivered0) / secs;
                results.add("relay", "bare Jetty relay: calls relayed (min of accepted, delivered)", rate, "calls/s");
                results.add("relay", "relay ratio to baseline", rate / baseline, "x");
                results.add("relay", "relay CPU per call", cpu / Math.max(1, accepted), "ms");
                results.add("relay", "hub throughput / relay (share of the ceiling)", throughputFigure / rate, "x");
            } finally {
                relay.destroy();
                if (!relay.waitFor(20, TimeUnit.SECONDS)) relay.destroyForcibly().waitFor();
            }
        }
    }

    /** 3. At a fixed rate, the time from each call's 201 to the receiver getting attempt 1. */
    void latency() throws Exception {
        for (int rate : quick ? new int[] {1000} : new int[] {100, 1000}) {
            try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of());
                 BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
                 LoadClient load = new LoadClient(256)) {
                createFlow(load, hub, "Latency", "+15735550002", receiver.url("/hook"));
                LatencyProbe warm = new LatencyProbe("warm-");
                receiver.listen(warm::arrived);
                // a minute at this rate before measuring, as for throughput: until then the JIT's
                // compiler threads take a core of the two here, and 1,000 calls/s met a hub costing
                // twice its settled CPU per call (deliveries late by a second in the first seconds)
                long warmSent = fixedRate(load, hub, "+15735550002", rate, warmUp(), "warm-", warm);
                waitUntil(() -> warm.count() >= warmSent, Duration.ofSeconds(30));
                collectBenchGarbage();
                LatencyProbe probe = new LatencyProbe("lat-");
                receiver.listen(probe::arrived);
                long r0 = receiver.received();
                long sent = fixedRate(load, hub, "+15735550002", rate, window(30, 2), "lat-", probe);
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
                results.add(s, "deliveries with a failed attempt", failedAttempts(load, hub), "deliveries");
                probe.dump(s);
            }
        }
    }

    /** 4. A healthy receiver's p99 with 200 hanging receivers on other addresses, against its p99 alone. */
    void isolation() throws Exception {
        int hanging = 200;
        try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of());
             BenchReceiver healthy = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 16);
             LoadClient load = new LoadClient(256)) {
            createFlow(load, hub, "Healthy", "+15735550003", healthy.url("/hook"));
            LatencyProbe warm = new LatencyProbe("iw-");
            healthy.listen(warm::arrived);
            // the same minute as the other runs first, so "alone" is not measured on a hub still
            // compiling (with 15 s, its p99 alone came out above its p99 crowded in one run)
            fixedRate(load, hub, "+15735550003", 100, warmUp(), "iw-", warm);
            collectBenchGarbage();
            LatencyProbe alone = new LatencyProbe("ia-");
            healthy.listen(alone::arrived);
            long n = fixedRate(load, hub, "+15735550003", 100, window(30, 2), "ia-", alone);
            waitUntil(() -> alone.count() >= n, Duration.ofSeconds(20));

            try (HangingReceivers hangs = new HangingReceivers(hanging)) {
                for (int i = 0; i < hanging; i++) {
                    createFlow(load, hub, "Hanging " + i, String.format("+1573556%04d", i), hangs.url(i, "/hook"));
                }
                collectBenchGarbage();
                // every hanging receiver gets calls: 2 per second each, 400/s in all, each held until the hub's 10 s time-out
                AtomicLong hseq = new AtomicLong();
                Thread pressure = new Thread(() -> {
                    long interval = (long) (1e9 / (Double.parseDouble(System.getProperty("bench.hangPerSecond", "2")) * hanging));
                    long next = System.nanoTime();
                    while (!Thread.currentThread().isInterrupted()) {
                        long k = hseq.incrementAndGet();
                        load.fire(hub.base() + "/api/v1/calls", "application/json",
                                Payloads.callReport("h-" + k, String.format("+1573556%04d", k % hanging)), HubUnderTest.KEY);
                        next += interval;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                }, "bench-pressure");
                pressure.setDaemon(true);
                pressure.start();
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
                long m = fixedRate(load, hub, "+15735550003", 100, window(30, 2), "ic-", crowded);
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

    /** 5. Calls accepted while the receiver is down (holding every request), then it comes up: drain rate and resources. */
    void backlog() throws Exception {
        int n = backlogSize;
        // the attempt held open while the receiver is down must not time out and wait out a retry delay
        try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of("HOOKLINE_POST_CALL_TIMEOUT", "2h"));
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.HOLD, 64);
             LoadClient load = new LoadClient(concurrency)) {
            createFlow(load, hub, "Backlog", "+15735550004", receiver.url("/hook"));
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
            if (!Double.isNaN(throughputFigure)) {
                double r = drainRate / throughputFigure;
                results.add("backlog", "drain rate / throughput figure", r, "x", ">= 0.8", Results.check(r >= 0.8));
            }
        }
    }

    /**
     * 6. voice/inbound for a flow with a fire-and-forget webhook step and a forward, sequential; and
     * the same flow through the Twilio front door (/twilio/voice: a signed form, a TwiML answer),
     * the two requests taking turns so both see the same hub.
     */
    void inCall() throws Exception {
        try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of());
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 16);
             LoadClient load = new LoadClient(1)) {
            String flow = "{\"name\":\"InCall\",\"tracking_numbers\":[\"+15735550005\"],\"steps\":[{\"type\":\"webhook\",\"url\":\""
                    + receiver.url("/route") + "\"},{\"type\":\"forward\",\"destination\":\"+13055554567\"}]}";
            LoadClient.Reply r = load.post(hub.base() + "/api/v1/call-flows", "application/json", flow, HubUnderTest.KEY).get();
            if (r.status() != 201) throw new IllegalStateException("flow not created: " + r.body());
            String url = hub.base() + "/api/v1/voice/inbound";
            LoadClient.Reply probe = load.post(url, "application/x-www-form-urlencoded", "From=%2B13055559876&To=%2B15735550005&CallSid=probe",
                    HubUnderTest.KEY).get();
            if (probe.status() == 404 && probe.body().contains("no route")) {
                results.add("in-call", "voice/inbound not available in this build", Double.NaN, "");
                return;
            }
            String twilioUrl = hub.base() + "/twilio/voice";
            TwilioRequests twilio = new TwilioRequests(twilioUrl, "+13055559876", "+15735550005");
            LoadClient.Reply token = load.put(hub.base() + "/api/v1/settings/twilio", "application/json",
                    "{\"auth_token\":\"" + TwilioRequests.AUTH_TOKEN + "\"}", HubUnderTest.KEY).get();
            boolean withTwilio = token.status() == 200; // absent from builds before the front door
            Histogram h = new Histogram(10_000_000L, 3);
            Histogram tw = new Histogram(10_000_000L, 3);
            StringBuilder trace = System.getenv("BENCH_TRACE_DIR") == null ? null : new StringBuilder();
            // warm up for the same minute as the other runs (the JIT is busy that long here), then measure
            long warmUntil = System.nanoTime() + warmUp().toNanos();
            int warm = 0;
            while (System.nanoTime() < warmUntil) {
                inbound(load, url, "iw-" + warm);
                if (withTwilio) twilioVoice(load, twilioUrl, twilio.incoming("tw-" + warm));
                warm++;
            }
            int count = quick ? 500 : 10_000;
            collectBenchGarbage();
            for (int i = warm; i < warm + count; i++) {
                long t0 = System.nanoTime();
                inbound(load, url, "ic-" + i);
                long us = (System.nanoTime() - t0) / 1000;
                h.recordValue(us);
                if (trace != null) trace.append(t0).append(',').append(us).append('\n');
                if (withTwilio) {
                    TwilioRequests.Signed signed = twilio.incoming("tc-" + i); // signed before the clock starts
                    long t1 = System.nanoTime();
                    twilioVoice(load, twilioUrl, signed);
                    tw.recordValue((System.nanoTime() - t1) / 1000);
                }
            }
            if (trace != null) Files.writeString(Path.of(System.getenv("BENCH_TRACE_DIR"), "incall.csv"), trace);
            results.add("in-call", "voice/inbound p50 (webhook fire-and-forget + forward)", h.getValueAtPercentile(50) / 1000.0, "ms");
            double p99 = h.getValueAtPercentile(99) / 1000.0;
            results.add("in-call", "voice/inbound p99", p99, "ms", "<= 5", Results.check(p99 <= 5));
            if (withTwilio) {
                double t50 = tw.getValueAtPercentile(50) / 1000.0;
                double t99 = tw.getValueAtPercentile(99) / 1000.0;
                results.add("in-call", "twilio/voice p50 (same flow; signed form, TwiML answer)", t50, "ms");
                results.add("in-call", "twilio/voice p99", t99, "ms", "<= 5", Results.check(t99 <= 5));
                results.add("in-call", "twilio/voice p50 / voice/inbound p50", t50 / (h.getValueAtPercentile(50) / 1000.0), "x");
                results.add("in-call", "twilio/voice p99 / voice/inbound p99", t99 / p99, "x");
            }
            results.add("in-call", "requests measured (sequential" + (withTwilio ? ", each kind in turn" : "") + ", after " + warm + " in a "
                    + warmUp().toSeconds() + " s warm-up)", count, "req");
        }
    }

    private static void inbound(LoadClient load, String url, String callSid) throws Exception {
        LoadClient.Reply x = load.post(url, "application/x-www-form-urlencoded", "From=%2B13055559876&To=%2B15735550005&CallSid=" + callSid,
                HubUnderTest.KEY).get();
        if (x.status() != 200) throw new IllegalStateException("voice/inbound answered " + x.status() + ": " + x.body());
    }

    private static void twilioVoice(LoadClient load, String url, TwilioRequests.Signed request) throws Exception {
        LoadClient.Reply x = load.post(url, "application/x-www-form-urlencoded", request.body(), null, "X-Twilio-Signature", request.signature()).get();
        if (x.status() != 200 || !x.body().contains("<Dial")) throw new IllegalStateException("twilio/voice answered " + x.status() + ": " + x.body());
    }

    /** 7. Process start to /health answering 200, best of three. */
    void startup() throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < (quick ? 1 : 3); i++) {
            try (HubUnderTest hub = HubUnderTest.start(jar, work, Map.of())) {
                best = Math.min(best, hub.startupMillis());
            }
        }
        results.add("startup", "process start -> /health 200 (best of " + (quick ? 1 : 3) + ")", best, "ms");
    }

    // ---- load helpers

    private void createFlow(LoadClient load, HubUnderTest hub, String name, String number, String url) throws Exception {
        LoadClient.Reply r = load.post(hub.base() + "/api/v1/call-flows", "application/json", Payloads.flow(name, number, url), HubUnderTest.KEY).get();
        if (r.status() != 201) throw new IllegalStateException("flow not created: " + r.status() + " " + r.body());
    }

    /**
     * How many deliveries have a failed attempt (pending with an error, or failed), printing the
     * distinct errors: a healthy receiver should see none, and one that did explains a slow tail.
     */
    private static long failedAttempts(LoadClient load, HubUnderTest hub) throws Exception {
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
     * A full collection of the bench's own heap before a latency window. The bench's young
     * collections copy whatever it made since the last one: the first one or two after the 200
     * hanging receivers came up copied ~40 MB and paused the load generator and every receiver
     * for 69 and 121 ms, the second inside the crowded window, where it put a dozen healthy calls
     * above the hub's p99. Collected here, those objects are old before the window starts.
     */
    private static void collectBenchGarbage() {
        System.gc();
    }

    /** Keeps {@code concurrency} requests in flight for {@code d}; returns how many completed 2xx. */
    private long runFor(LoadClient load, Duration d, String url, java.util.function.LongFunction<String> body, String key) throws Exception {
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
    private long fixedRate(LoadClient load, HubUnderTest hub, String number, int perSecond, Duration d, String prefix, LatencyProbe probe)
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

    private static double selfCpuMillis() {
        return cpuMillis(ProcessHandle.current());
    }

    /** CPU time a process has used so far (user + system), in ms. */
    static double cpuMillis(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }

    private static void drain(List<CompletableFuture<LoadClient.Reply>> pending) throws Exception {
        for (CompletableFuture<LoadClient.Reply> f : pending) {
            LoadClient.Reply r = f.get(60, TimeUnit.SECONDS);
            if (r.status() != 201) throw new IllegalStateException("call refused: " + r.status() + " " + r.body());
        }
        pending.clear();
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
