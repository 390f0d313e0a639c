package dev.hookline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * 6. voice/inbound for a flow with a fire-and-forget webhook step and a forward, sequential; and
 * the same flow through the Twilio front door (/twilio/voice: a signed form, a TwiML answer),
 * the two requests taking turns so both see the same hub.
 */
final class InCallRun {
    private final BenchRun run;
    private final Results results;

    InCallRun(BenchRun run) {
        this.run = run;
        this.results = run.results;
    }

    void run() throws Exception {
        boolean quick = run.quick;
        try (HubUnderTest hub = HubUnderTest.start(run.jar, run.work, Map.of());
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
            long warmUntil = System.nanoTime() + run.warmUp().toNanos();
            int warm = 0;
            while (System.nanoTime() < warmUntil) {
                inbound(load, url, "iw-" + warm);
                if (withTwilio) twilioVoice(load, twilioUrl, twilio.incoming("tw-" + warm));
                warm++;
            }
            int count = quick ? 500 : 10_000;
            Loads.collectBenchGarbage();
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
                    + run.warmUp().toSeconds() + " s warm-up)", count, "req");
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
}
