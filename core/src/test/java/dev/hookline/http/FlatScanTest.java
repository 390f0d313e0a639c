package dev.hookline.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import dev.hookline.plugins.ValueMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The parser-free reading of a flat body takes the usual reports and agrees with Jackson on every body it takes. */
class FlatScanTest {
    private static final JsonFactory JSON = FlatInputTest.MAPPER.getFactory();
    private static final Object NUL = FlatInput.NULL;
    private static final String REPORT = "{\"call_id\":\"c-1\",\"tracking_number\":\"+15735551234\",\"caller_number\":\"+13055559876\","
            + "\"status\":\"completed\",\"duration_seconds\":145,\"recording_url\":\"https://recordings.example.com/a.mp3\","
            + "\"utm_term\":\"ac repair near me\",\"value_cents\":-5000,\"robo_score\":0,\"ai_processed\":false,\"transcription\":null}";

    @Test
    void readsTheUsualReportWithoutJackson() {
        ValueMap m = FlatScan.read(bytes(" \n" + REPORT + "\r\n"), NUL);
        assertThat(m).isNotNull();
        assertThat(m.keySet()).containsExactly("call_id", "tracking_number", "caller_number", "status", "duration_seconds",
                "recording_url", "utm_term", "value_cents", "robo_score", "ai_processed", "transcription");
        assertThat(m.get("duration_seconds")).isEqualTo(145L);
        assertThat(m.get("value_cents")).isEqualTo(-5000L);
        assertThat(m.get("utm_term")).isEqualTo("ac repair near me");
        assertThat(m.get("ai_processed")).isEqualTo(false);
        assertThat(m.get("transcription")).isSameAs(NUL);
        assertThat(FlatScan.read(bytes("{ }"), NUL)).isEmpty();
        assertThat(FlatScan.read(bytes("{\"a\":1,\"a\":\"two\"}"), NUL)).containsExactly(java.util.Map.entry("a", "two"));
    }

    @Test
    void givesWayOnEverythingElse() {
        for (String body : List.of("{\"a\":\"caf\u00e9\"}", "{\"a\":\"x\\\"y\"}", "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":01}",
                "{\"a\":1234567890123456789}", "{\"a\":-}", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":tru}", "{\"a\":truex}",
                "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1} x", "[1]", "\uFEFF{}", "{\"a\":\"tab\there\"}", "{\"a\":1")) {
            assertThat(FlatScan.read(bytes(body), NUL)).as(body).isNull();
        }
    }

    /** Random edits of reports: whatever the scan takes, Jackson reads to the same keys and values. */
    @Test
    void agreesWithJacksonOnEveryBodyItTakes() {
        Random r = new Random(17);
        String alphabet = "{}[]\":,.-+0123456789eEtrufalsn \t\n\\/\u00e9\u0001x";
        int taken = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder b = new StringBuilder(REPORT);
            for (int e = r.nextInt(4); e >= 0; e--) {
                int at = r.nextInt(b.length());
                switch (r.nextInt(3)) {
                    case 0 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    case 1 -> b.deleteCharAt(at);
                    default -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            byte[] body = bytes(b.toString());
            ValueMap scanned = FlatScan.read(body, NUL);
            if (scanned == null) continue;
            taken++;
            ValueMap reference = FlatInput.parsed(JSON, body);
            assertThat(plain(scanned)).as(b.toString()).isEqualTo(plain(reference));
        }
        assertThat(taken).isGreaterThan(10_000);
    }

    /** Keys and values in order. */
    private static List<Object> plain(ValueMap m) {
        List<Object> out = new ArrayList<>();
        m.forEach((k, v) -> {
            out.add(k);
            out.add(v);
        });
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
