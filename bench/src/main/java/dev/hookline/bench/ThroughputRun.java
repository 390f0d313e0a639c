package dev.hookline.bench;

import static dev.hookline.bench.Loads.cpuMillis;
import static dev.hookline.bench.Loads.runFor;
import static dev.hookline.bench.Loads.selfCpuMillis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.LongFunction;

/**
 * 1-2. The flat-out runs: the machine's raw loopback rate for the payload (the baseline), the hub
 * pushed as hard as it accepts, and a bare Jetty relay under the same load (the ceiling).
 */
final class ThroughputRun {
    private static final String NUMBER = "+15735550001";

    private final BenchRun run;
    private final Results results;

    ThroughputRun(BenchRun run) {
        this.run = run;
        this.results = run.results;
    }

    /** Baseline, hub, then relay, each in a process of its own. */
    void run() throws Exception {
        double baseline = baseline();
        throughput(baseline);
        // -Dbench.relay=false leaves the relay out, when comparing two builds of the hub
        if (Boolean.parseBoolean(System.getProperty("bench.relay", "true"))) relay(baseline);
    }

    /** The machine's raw loopback rate for this payload and client: the denominator of every ratio. */
    private double baseline() throws Exception {
        try (BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(BenchRun.CONCURRENCY)) {
            String url = receiver.url("/hook");
            String body = Payloads.webhookPayload("baseline");
            // as long a window as the hub's, after the bench's own JIT has settled (with 10 s + 10 s
            // it moved between 5,500 and 13,000 req/s across runs)
            runFor(load, run.window(30, 1), url, i -> body, null);
            long before = receiver.received();
            double cpu0 = selfCpuMillis();
            long t0 = System.nanoTime();
            long sent = runFor(load, run.window(30, 2), url, i -> body, null);
            double secs = (System.nanoTime() - t0) / 1e9;
            double cpu = selfCpuMillis() - cpu0;
            double rate = (receiver.received() - before) / secs;
            results.add("baseline", "receiver POSTs/s, " + BenchRun.CONCURRENCY + " in flight, " + body.length() + " B", rate, "req/s");
            results.add("baseline", "load generator + receiver CPU per request", cpu / Math.max(1, sent), "ms");
            return sent == 0 ? Double.NaN : rate;
        }
    }

    /** Calls accepted and deliveries completed per second when the hub is pushed as hard as it accepts. */
    private void throughput(double baseline) throws Exception {
        try (HubUnderTest hub = HubUnderTest.start(run.jar, run.work, Map.of());
             BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(BenchRun.CONCURRENCY)) {
            Loads.createFlow(load, hub, "Throughput", NUMBER, receiver.url("/hook"));
            String url = hub.base() + "/api/v1/calls";
            AtomicLong seq = new AtomicLong();
            warmUpFlatOut("throughput", load, url, i -> Payloads.callReport("w-" + seq.incrementAndGet(), NUMBER), HubUnderTest.KEY,
                    hub::cpuMillis);
            long delivered0 = receiver.received();
            double hubCpu0 = hub.cpuMillis();
            double benchCpu0 = selfCpuMillis();
            long t0 = System.nanoTime();
            long accepted = runFor(load, run.window(30, 2), url, i -> Payloads.callReport("t-" + seq.incrementAndGet(), NUMBER), HubUnderTest.KEY);
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
            Loads.waitUntil(() -> receiver.received() >= seq.get(), Duration.ofSeconds(60));
            run.throughputFigure = Math.min(acceptedRate, deliveredRate);
            results.add("throughput", "highest sustained rate (accept and deliver)", run.throughputFigure, "calls/s");
        }
    }

    /**
     * The ceiling for any hub on this stack: a bare Jetty relay process (two exchanges per call,
     * nothing parsed or stored) under the same load. Hub ÷ relay is the share of that ceiling the
     * hub reaches with its storage, validation, signing and API on top.
     */
    private void relay(double baseline) throws Exception {
        try (BenchReceiver receiver = new BenchReceiver("127.0.0.1", BenchReceiver.Mode.OK, 64);
             LoadClient load = new LoadClient(BenchRun.CONCURRENCY)) {
            Process relay = Relay.start(receiver.url("/hook"));
            try {
                String url = "http://127.0.0.1:" + Relay.port(relay) + "/calls";
                AtomicLong seq = new AtomicLong();
                warmUpFlatOut("relay", load, url, i -> Payloads.callReport("rw-" + seq.incrementAndGet(), NUMBER), null,
                        () -> cpuMillis(relay.toHandle()));
                long delivered0 = receiver.received();
                double cpu0 = cpuMillis(relay.toHandle());
                long t0 = System.nanoTime();
                long accepted = runFor(load, run.window(30, 2), url, i -> Payloads.callReport("rt-" + seq.incrementAndGet(), NUMBER), null);
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = cpuMillis(relay.toHandle()) - cpu0;
                double rate = Math.min(accepted, receiver.received() - delivered0) / secs;
                results.add("relay", "bare Jetty relay: calls relayed (min of accepted, delivered)", rate, "calls/s");
                results.add("relay", "relay ratio to baseline", rate / baseline, "x");
                results.add("relay", "relay CPU per call", cpu / Math.max(1, accepted), "ms");
                results.add("relay", "hub throughput / relay (share of the ceiling)", run.throughputFigure / rate, "x");
            } finally {
                relay.destroy();
                if (!relay.waitFor(20, TimeUnit.SECONDS)) relay.destroyForcibly().waitFor();
            }
        }
    }

    /**
     * Loads a process flat out for the warm-up, in 30 s slices, and reports its CPU per call in
     * each: the figure falls while the JIT is still compiling and levels once it is done.
     */
    private void warmUpFlatOut(String scenario, LoadClient load, String url, LongFunction<String> body, String key,
                               DoubleSupplier processCpuMillis) throws Exception {
        long total = run.loadWarmUp().toMillis();
        long slice = run.quick ? total : 30_000;
        for (long done = 0; done < total; done += slice) {
            long len = Math.min(slice, total - done);
            double cpu0 = processCpuMillis.getAsDouble();
            long n = runFor(load, Duration.ofMillis(len), url, body, key);
            double perCall = (processCpuMillis.getAsDouble() - cpu0) / Math.max(1, n);
            if (!run.quick) results.add(scenario, "warm-up " + done / 1000 + "-" + (done + len) / 1000 + " s: CPU per call", perCall, "ms");
        }
    }
}
