package dev.hookline.incall;

import static dev.hookline.incall.VoiceClient.fire;
import static dev.hookline.incall.VoiceClient.forward;
import static dev.hookline.incall.VoiceClient.steps;
import static dev.hookline.incall.VoiceClient.waitFor;

import dev.hookline.testing.TestHub;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hub overhead of {@code voice/inbound} on loopback, run by hand (never by the build: its name is
 * not a test name, and it needs {@code -Dhookline.bench=true}):
 *
 * <pre>
 * mvn -q verify -pl plugins,core -Dtest=VoiceInboundBench -Dhookline.bench=true -Dsurefire.failIfNoSpecifiedTests=false
 * cat core/target/surefire-reports/dev.hookline.incall.VoiceInboundBench-output.txt
 * </pre>
 *
 * Sequential requests from one client over a kept-alive connection; the latency is the whole
 * round trip as the telephony side sees it (auth, flow look-up, the run, the JSON answer; the
 * trace is written just after). For the wait-for-response step, the receiver times its own
 * handling (handler entry to answer) and the time the hub adds is the round trip minus that.
 * Nothing is asserted: timings depend on the machine.
 */
class VoiceInboundBench {
    static final int WARM_UP = 500;
    static final int MEASURED = 2000;
    static final int WAIT_WARM_UP = 50;
    static final int WAIT_MEASURED = 300;
    static final long RECEIVER_DELAY_MS = 20;

    /** The receiver's own time for the last routing request (handler entry to answer), set by its thread. */
    private volatile long receiverNanos;
    /** Per call of the last series: round trip minus the receiver's own time. */
    private long[] added;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @EnabledIfSystemProperty(named = "hookline.bench", matches = "true")
    void measure(@TempDir Path dir) throws Exception {
        // the receiver is Jetty (via Javalin, already on the classpath): the JDK's own test server
        // costs enough CPU per request to blur the hub's figures on a small machine
        Javalin receiver = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.routes.post("/ff", ctx -> ctx.result("ok"));
            c.routes.post("/route", ctx -> {
                long t0 = System.nanoTime();
                Thread.sleep(RECEIVER_DELAY_MS);
                ctx.contentType("application/json").result("{\"action\": \"forward\", \"destination\": \"+13055554567\"}");
                receiverNanos = System.nanoTime() - t0;
            });
        }).start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + receiver.port();
        try (TestHub hub = TestHub.start(dir)) {
            VoiceClient voice = new VoiceClient(hub);
            String forwardOnly = VoiceClient.freshNumber();
            voice.flow(forwardOnly, steps(forward("+13055554567")));
            String fireThenForward = VoiceClient.freshNumber();
            voice.flow(fireThenForward, steps(fire(base + "/ff"), forward("+13055554567")));
            String waitThenForward = VoiceClient.freshNumber();
            voice.flow(waitThenForward, steps(waitFor(base + "/route", 5), forward("+13055550000")));

            // warm both paths before measuring either, so neither pays for the JIT
            series(hub, forwardOnly, "warm-base", 0, WARM_UP);
            series(hub, fireThenForward, "warm-ff", 0, WARM_UP);
            report("fire-and-forget webhook + forward", series(hub, fireThenForward, "ff", 0, MEASURED));
            report("forward only (no webhook)", series(hub, forwardOnly, "base", 0, MEASURED));
            long[] total = series(hub, waitThenForward, "wait", WAIT_WARM_UP, WAIT_MEASURED);
            report("wait-for-response webhook (receiver answers after " + RECEIVER_DELAY_MS + " ms)", total);
            report("  of which the hub, beyond the receiver's own handling time", added);
            direct(base + "/route", WAIT_WARM_UP, WAIT_MEASURED);
            report("  baseline: client straight to the receiver, beyond its own time", added);
        } finally {
            receiver.stop();
        }
    }

    private long[] series(TestHub hub, String to, String prefix, int warmUp, int measured) throws IOException, InterruptedException {
        for (int i = 0; i < warmUp; i++) call(hub, to, prefix + "-warm-" + i);
        long[] micros = new long[measured];
        added = new long[measured];
        for (int i = 0; i < measured; i++) {
            receiverNanos = 0;
            long start = System.nanoTime();
            call(hub, to, prefix + "-" + i);
            micros[i] = (System.nanoTime() - start) / 1000;
            added[i] = micros[i] - receiverNanos / 1000;
        }
        return micros;
    }

    /** The same client posting straight to the receiver: what any HTTP hop there costs, hub or not. */
    private void direct(String url, int warmUp, int measured) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("From=%2B13055551234&To=%2B15735551234&CallSid=direct")).build();
        for (int i = 0; i < warmUp; i++) http.send(r, HttpResponse.BodyHandlers.ofString());
        added = new long[measured];
        for (int i = 0; i < measured; i++) {
            receiverNanos = 0;
            long start = System.nanoTime();
            http.send(r, HttpResponse.BodyHandlers.ofString());
            added[i] = (System.nanoTime() - start) / 1000 - receiverNanos / 1000;
        }
    }

    private void call(TestHub hub, String to, String sid) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/voice/inbound"))
                .header("Authorization", "Bearer " + TestHub.KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("From=%2B13055551234&To=" + VoiceClient.enc(to) + "&CallSid=" + sid))
                .build();
        HttpResponse<String> res = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) throw new IllegalStateException(res.statusCode() + " " + res.body());
    }

    private static void report(String what, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "%-66s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms", what, sorted.length,
                pct(sorted, 0.50) / 1000.0, pct(sorted, 0.99) / 1000.0, sorted[sorted.length - 1] / 1000.0));
    }

    private static long pct(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
