package dev.hookline.incall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Test helpers for the live side: flows with fresh tracking numbers, voice/inbound calls, reading traces back. */
final class VoiceClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger NUMBERS = new AtomicInteger(1000);

    private final TestHub hub;

    VoiceClient(TestHub hub) {
        this.hub = hub;
    }

    /** A tracking number no other flow of this test run has. */
    static String freshNumber() {
        return "+1573555" + NUMBERS.incrementAndGet();
    }

    /** Creates a flow on {@code number} with the given steps (a JSON array) and returns its id. */
    String flow(String number, String stepsJson) {
        Reply r = hub.post("/api/v1/call-flows", "{\"name\": \"live\", \"tracking_numbers\": [\"" + number + "\"], \"steps\": " + stepsJson + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** {@code POST /api/v1/voice/inbound} form-encoded, as a telephony provider sends it. */
    Reply inbound(String from, String to, String callSid) {
        String form = "From=" + enc(from) + "&To=" + enc(to) + "&CallSid=" + enc(callSid) + "&AccountSid=AC123&CallStatus=ringing";
        return send("application/x-www-form-urlencoded", form);
    }

    Reply send(String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hub.base() + "/api/v1/voice/inbound"))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) b.header("Content-Type", contentType);
        return hub.send(b);
    }

    Reply call(String callSid) {
        return hub.get("/api/v1/calls/" + URLEncoder.encode(callSid, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** Polls the stored trace of {@code callSid} until {@code done} holds (at most {@code max}). */
    JsonNode awaitTrace(String callSid, Duration max, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode trace = null;
        while (System.nanoTime() < deadline) {
            Reply r = call(callSid);
            trace = r.status() == 200 ? r.json().get("in_call_trace") : null;
            if (trace != null && done.test(trace)) return trace;
            sleep(20);
        }
        throw new AssertionError("the trace of " + callSid + " did not settle within " + max + "; last seen: " + trace);
    }

    /** A JSON array of steps; each step is a map (nulls allowed), written with Jackson so bodies are escaped right. */
    @SafeVarargs
    static String steps(Map<String, Object>... steps) {
        try {
            return MAPPER.writeValueAsString(List.of(steps));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> webhook(String url, String method, String body, boolean wait, int timeoutSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "webhook");
        m.put("url", url);
        m.put("method", method);
        m.put("body", body);
        m.put("timeout_seconds", timeoutSeconds);
        m.put("wait_for_response", wait);
        return m;
    }

    static Map<String, Object> fire(String url) {
        return webhook(url, "POST", null, false, 5);
    }

    static Map<String, Object> waitFor(String url, int timeoutSeconds) {
        return webhook(url, "POST", null, true, timeoutSeconds);
    }

    static Map<String, Object> say(String message) {
        return Map.of("type", "say", "message", message);
    }

    static Map<String, Object> forward(String destination) {
        return Map.of("type", "forward", "destination", destination);
    }

    static Map<String, Object> hangup(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hangup");
        m.put("message", message);
        return m;
    }

    /** Routes a receiver's answers by request path (default 200 {@code ok}). */
    static Map<String, Answer> answersByPath(Receiver receiver) {
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        receiver.answer(r -> answers.getOrDefault(r.path(), Answer.ok("ok")));
        return answers;
    }

    /** The first request to {@code path}, waiting up to {@code max} for it. */
    static Received awaitRequest(Receiver receiver, String path, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> got = requestsTo(receiver, path);
            if (!got.isEmpty()) return got.get(0);
            sleep(5);
        }
        throw new AssertionError("no request to " + path + " within " + max);
    }

    static List<Received> requestsTo(Receiver receiver, String path) {
        return receiver.all().stream().filter(r -> r.path().equals(path)).toList();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
