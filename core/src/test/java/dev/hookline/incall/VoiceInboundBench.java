package dev.hookline.incall;

import static dev.hookline.incall.VoiceClient.fire;
import static dev.hookline.incall.VoiceClient.forward;
import static dev.hookline.incall.VoiceClient.steps;
import static dev.hookline.incall.VoiceClient.waitFor;

import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
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
 * trace is written just after). Nothing is asserted: timings depend on the machine.
 */
class VoiceInboundBench {
    static final int WARM_UP = 500;
    static final int MEASURED = 2000;
    static final int WAIT_WARM_UP = 50;
    static final int WAIT_MEASURED = 300;
    static final long RECEIVER_DELAY_MS = 20;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    @EnabledIfSystemProperty(named = "hookline.bench", matches = "true")
    void measure(@TempDir Path dir) throws Exception {
        // the JDK server otherwise leaves Nagle on: its header and body writes then wait on delayed ACKs (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try (TestHub hub = TestHub.start(dir); Receiver receiver = Receiver.start()) {
            VoiceClient voice = new VoiceClient(hub);
            Map<String, Answer> answers = VoiceClient.answersByPath(receiver);
            answers.put("/route", new Answer(200, "{\"action\": \"forward\", \"destination\": \"+13055554567\"}",
                    Duration.ofMillis(RECEIVER_DELAY_MS), Map.of()));

            String forwardOnly = VoiceClient.freshNumber();
            voice.flow(forwardOnly, steps(forward("+13055554567")));
            String fireThenForward = VoiceClient.freshNumber();
            voice.flow(fireThenForward, steps(fire(receiver.url("/ff")), forward("+13055554567")));
            String waitThenForward = VoiceClient.freshNumber();
            voice.flow(waitThenForward, steps(waitFor(receiver.url("/route"), 5), forward("+13055550000")));

            report("fire-and-forget webhook + forward", 0, series(hub, fireThenForward, "ff", WARM_UP, MEASURED));
            report("forward only (no webhook)", 0, series(hub, forwardOnly, "base", WARM_UP, MEASURED));
            report("wait-for-response webhook (receiver answers after " + RECEIVER_DELAY_MS + " ms)", RECEIVER_DELAY_MS,
                    series(hub, waitThenForward, "wait", WAIT_WARM_UP, WAIT_MEASURED));
        }
    }

    private long[] series(TestHub hub, String to, String prefix, int warmUp, int measured) throws IOException, InterruptedException {
        for (int i = 0; i < warmUp; i++) call(hub, to, prefix + "-warm-" + i);
        long[] micros = new long[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            call(hub, to, prefix + "-" + i);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        return micros;
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

    private static void report(String what, long receiverMs, long[] micros) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        double p50 = pct(sorted, 0.50) / 1000.0, p99 = pct(sorted, 0.99) / 1000.0, max = sorted[sorted.length - 1] / 1000.0;
        String line = String.format(Locale.ROOT, "%-70s n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms", what, sorted.length, p50, p99, max);
        if (receiverMs > 0) {
            line += String.format(Locale.ROOT, "  | added over the receiver's %d ms: p50 %.2f ms  p99 %.2f ms", receiverMs, p50 - receiverMs,
                    p99 - receiverMs);
        }
        System.out.println(line);
    }

    private static long pct(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
