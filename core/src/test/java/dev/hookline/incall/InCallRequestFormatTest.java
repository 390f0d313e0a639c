package dev.hookline.incall;

import static dev.hookline.incall.VoiceClient.forward;
import static dev.hookline.incall.VoiceClient.steps;
import static dev.hookline.incall.VoiceClient.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What an in-call webhook step puts on the wire, checked byte for byte at a real receiver. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InCallRequestFormatTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String CALLER = "+13055551234";

    TestHub hub;
    VoiceClient voice;
    Receiver receiver;

    @BeforeAll
    void start(@TempDir Path dir) {
        hub = TestHub.start(dir);
        voice = new VoiceClient(hub);
        receiver = Receiver.start();
    }

    @AfterAll
    void stop() {
        receiver.close();
        hub.close();
    }

    /** Runs a one-webhook flow (then forward) for a fresh number and returns what the receiver got. */
    private Received sendThrough(String path, String method, String body, String callSid) {
        return sendThrough(receiver.url(path), path, method, body, callSid);
    }

    private Received sendThrough(String url, String path, String method, String body, String callSid) {
        String number = VoiceClient.freshNumber();
        voice.flow(number, steps(webhook(url, method, body, true, 5), forward("+13055554567")));
        Reply r = voice.inbound(CALLER, number, callSid);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return VoiceClient.awaitRequest(receiver, path, WAIT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH"})
    void withoutBodyTheCallGoesFormEncoded(String method) {
        String path = "/form-" + method;
        String number = VoiceClient.freshNumber();
        voice.flow(number, steps(webhook(receiver.url(path), method, null, true, 5)));
        voice.inbound(CALLER, number, "CA-form-" + method);

        Received got = VoiceClient.awaitRequest(receiver, path, WAIT);
        assertThat(got.method()).isEqualTo(method);
        assertThat(got.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(got.text()).isEqualTo("From=%2B13055551234&To=" + number.replace("+", "%2B") + "&CallSid=CA-form-" + method);
        assertThat(got.query()).isNull();
        assertThat(got.header("User-Agent")).startsWith("Hookline/");
    }

    @Test
    void getPutsTheFieldsInTheQueryString() {
        Received got = sendThrough("/get", "GET", null, "CA get 1");
        assertThat(got.method()).isEqualTo("GET");
        assertThat(got.body()).isEmpty();
        assertThat(got.query()).startsWith("From=%2B13055551234&To=%2B1573555").endsWith("&CallSid=CA+get+1");
    }

    @Test
    void getAppendsToAQueryTheUrlAlreadyHas() {
        Received got = sendThrough(receiver.url("/get-q") + "?key=abc%20d&x=1", "/get-q", "GET", null, "CA-q");
        assertThat(got.query()).startsWith("key=abc%20d&x=1&From=%2B13055551234&To=%2B1573555").endsWith("&CallSid=CA-q");
    }

    @Test
    void aJsonBodyEscapesEveryValue() {
        String sid = "CA\"quoted\\back\nline\ttab";
        String template = """
                {
                  "caller": "{{caller_number}}",
                  "tracking_number": "{{tracking_number}}",
                  "call_id": "{{call_sid}}"
                }""";
        Received got = sendThrough("/json", "POST", template, sid);
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        JsonNode parsed = parse(got.body());
        assertThat(parsed.get("call_id").asText()).isEqualTo(sid);
        assertThat(parsed.get("caller").asText()).isEqualTo(CALLER);
        assertThat(parsed.get("tracking_number").asText()).startsWith("+1573555");
    }

    @Test
    void aJsonBodyWithPut() {
        Received got = sendThrough("/json-put", "PUT", "{\"sid\": \"{{call_sid}}\"}", "CA-put");
        assertThat(got.method()).isEqualTo("PUT");
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(got.text()).isEqualTo("{\"sid\": \"CA-put\"}");
    }

    @Test
    void aTextBodyIsNotHtmlEscaped() {
        Received got = sendThrough("/text", "POST", "Call <{{caller_number}}> & \"{{call_sid}}\" 'ok'", "CA<&>\"'");
        assertThat(got.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(got.text()).isEqualTo("Call <+13055551234> & \"CA<&>\"'\" 'ok'");
    }

    @Test
    void theSlackRecipeArrivesByteExactEmojiIncluded() {
        String template = "{\"text\": \"📞 Call from {{caller_number}} to {{tracking_number}}\"}";
        String number = VoiceClient.freshNumber();
        voice.flow(number, steps(webhook(receiver.url("/slack"), "POST", template, false, 5), forward("+13055554567")));
        voice.inbound(CALLER, number, "CA-slack");

        Received got = VoiceClient.awaitRequest(receiver, "/slack", WAIT);
        byte[] expected = ("{\"text\": \"\uD83D\uDCDE Call from " + CALLER + " to " + number + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(got.body()).isEqualTo(expected);
        assertThat(got.header("Content-Type")).isEqualTo("application/json");
        assertThat(parse(got.body()).get("text").asText()).startsWith("\uD83D\uDCDE Call from");
    }

    private static JsonNode parse(byte[] body) {
        try {
            return VoiceClient.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not valid JSON: " + new String(body, StandardCharsets.UTF_8), e);
        }
    }
}
