package dev.hookline.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.StoreFile;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Saving and showing {@code post_call_webhook.headers}, {@code events} and {@code filter}: validation by field, headers kept like secrets. */
class WebhookOptionsApiTest {
    static final String KEY = "sk_live_0123456789abwxyz";
    static final String TOKEN = "Bearer tok-5678-1234";

    @TempDir Path dir;
    TestHub hub;

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static String flow(String options) {
        return """
                {"name": "Ads",
                 "post_call_webhook": {"url": "https://example.com/hook"%s}}""".formatted(options.isEmpty() ? "" : ", " + options);
    }

    Reply create(String options) {
        return hub.post("/api/v1/call-flows", flow(options));
    }

    String storedHeaders() {
        return StoreFile.query(dir, "SELECT webhook_headers FROM call_flows");
    }

    @Test
    void headersAreShownInFullOnlyByTheAnswerThatSetThem() {
        Reply created = create("\"headers\": {\"X-Api-Key\": \"" + KEY + "\", \"Authorization\": \"" + TOKEN + "\", \"X-Short\": \"abc\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode h = created.json().at("/post_call_webhook/headers");
        assertThat(h.get("X-Api-Key").asText()).isEqualTo(KEY);
        assertThat(h.get("Authorization").asText()).isEqualTo(TOKEN);
        String id = created.json().get("id").asText();

        JsonNode shown = hub.get("/api/v1/call-flows/" + id).json().at("/post_call_webhook/headers");
        assertThat(shown.get("X-Api-Key").asText()).isEqualTo("…wxyz");
        assertThat(shown.get("Authorization").asText()).isEqualTo("…1234");
        assertThat(shown.get("X-Short").asText()).as("a short value shows nothing of itself").isEqualTo("…");
        assertThat(hub.get("/api/v1/call-flows").body()).doesNotContain(KEY).doesNotContain(TOKEN).contains("…wxyz");

        // the form sends back what GET showed: the stored values stay, and the answer still masks them
        String echoed = hub.get("/api/v1/call-flows/" + id).body();
        Reply put = hub.put("/api/v1/call-flows/" + id, echoed);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(KEY).doesNotContain(TOKEN);
        assertThat(storedHeaders()).contains(KEY).contains(TOKEN).contains("\"abc\"");

        // one value changed: that one is shown in full in this answer, the kept one stays masked
        Reply changed = hub.put("/api/v1/call-flows/" + id, flow("\"headers\": {\"X-Api-Key\": \"sk_live_new_value_9999\", "
                + "\"authorization\": \"…1234\"}"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().at("/post_call_webhook/headers/X-Api-Key").asText()).isEqualTo("sk_live_new_value_9999");
        assertThat(changed.json().at("/post_call_webhook/headers/authorization").asText()).isEqualTo("…1234");
        assertThat(storedHeaders()).contains("sk_live_new_value_9999").contains(TOKEN).doesNotContain(KEY).doesNotContain("X-Short");

        // a PUT without headers removes them, as PUT replaces the whole flow
        assertThat(hub.put("/api/v1/call-flows/" + id, flow("")).json().at("/post_call_webhook/headers").size()).isZero();
    }

    @Test
    void aMaskedValueThatMatchesNothingStoredIsRefused() {
        String id = create("\"headers\": {\"X-Api-Key\": \"" + KEY + "\"}").json().get("id").asText();
        Reply wrong = hub.put("/api/v1/call-flows/" + id, flow("\"headers\": {\"X-Api-Key\": \"…zzzz\"}"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.error("field")).isEqualTo("post_call_webhook.headers.X-Api-Key");
        assertThat(wrong.body()).doesNotContain(KEY);
        Reply other = hub.put("/api/v1/call-flows/" + id, flow("\"headers\": {\"X-Other\": \"…wxyz\"}"));
        assertThat(other.error("field")).isEqualTo("post_call_webhook.headers.X-Other");
        Reply fresh = create("\"headers\": {\"X-Api-Key\": \"…wxyz\"}");
        assertThat(fresh.status()).isEqualTo(400);
        assertThat(fresh.error("field")).isEqualTo("post_call_webhook.headers.X-Api-Key");
        assertThat(storedHeaders()).contains(KEY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "content-length", "Content-Type", "TRANSFER-ENCODING", "Connection", "webhook-id", "Webhook-Signature",
            "webhook-timestamp", "WEBHOOK-anything"})
    void reservedHeaderNamesAreRefusedWhateverTheirCase(String name) {
        Reply r = create("\"headers\": {\"X-Fine\": \"1\", \"" + name + "\": \"value\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error("field")).isEqualTo("post_call_webhook.headers." + name);
        assertThat(r.error("message")).contains(name);
    }

    @Test
    void headerCountsNamesAndValuesAreChecked() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 21; i++) many.append(i == 0 ? "" : ", ").append("\"X-H").append(i).append("\": \"v\"");
        Reply tooMany = create("\"headers\": {" + many + "}");
        assertThat(tooMany.error("field")).isEqualTo("post_call_webhook.headers");
        assertThat(create("\"headers\": {" + many.substring(0, many.lastIndexOf(", ")) + "}").status()).isEqualTo(201);

        assertThat(create("\"headers\": {\"X-Long\": \"" + "v".repeat(1001) + "\"}").error("field")).isEqualTo("post_call_webhook.headers.X-Long");
        assertThat(hub.put("/api/v1/call-flows/" + create("").json().get("id").asText(),
                flow("\"headers\": {\"X-Long\": \"" + "v".repeat(1000) + "\"}")).status()).isEqualTo(200);
        assertThat(create("\"headers\": {\"Bad Name\": \"v\"}").error("field")).isEqualTo("post_call_webhook.headers.Bad Name");
        assertThat(create("\"headers\": {\"X-Split\": \"a\\r\\nX-Injected: 1\"}").error("field")).isEqualTo("post_call_webhook.headers.X-Split");
        assertThat(create("\"headers\": {\"X-Number\": 42}").error("field")).isEqualTo("post_call_webhook.headers.X-Number");
        assertThat(create("\"headers\": {\"X-Dup\": \"a\", \"x-dup\": \"b\"}").error("field")).isEqualTo("post_call_webhook.headers.x-dup");
        assertThat(create("\"headers\": [\"X-A: 1\"]").error("field")).isEqualTo("post_call_webhook.headers");
    }

    @Test
    void eventsAndFilterAreCheckedByField() {
        List<String[]> cases = List.of(
                new String[] {"\"events\": [\"call.completed\", \"call.done\"]", "post_call_webhook.events[1]"},
                new String[] {"\"events\": []", "post_call_webhook.events"},
                new String[] {"\"events\": [\"call.missed\", \"call.missed\"]", "post_call_webhook.events[1]"},
                new String[] {"\"events\": \"call.missed\"", "post_call_webhook.events"},
                new String[] {"\"filter\": {\"min_ai_score\": 101}", "post_call_webhook.filter.min_ai_score"},
                new String[] {"\"filter\": {\"min_ai_score\": \"high\"}", "post_call_webhook.filter.min_ai_score"},
                new String[] {"\"filter\": {\"qualified_ai\": \"yes\"}", "post_call_webhook.filter.qualified_ai"},
                new String[] {"\"filter\": {\"min_duration_seconds\": -1}", "post_call_webhook.filter.min_duration_seconds"},
                new String[] {"\"filter\": {\"sources\": []}", "post_call_webhook.filter.sources"},
                new String[] {"\"filter\": {\"sources\": [\"google\", \" \"]}", "post_call_webhook.filter.sources[1]"},
                new String[] {"\"filter\": {\"score\": 50}", "post_call_webhook.filter.score"},
                new String[] {"\"filter\": [1]", "post_call_webhook.filter"});
        for (String[] c : cases) {
            Reply r = create(c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.error("field")).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void eventsAndFilterRoundTripAsPlainJson() {
        Reply created = create("\"events\": [\"call.completed\", \"call.missed\"], \"filter\": {\"qualified_ai\": true, \"min_ai_score\": 70, "
                + "\"min_duration_seconds\": 30, \"sources\": [\"google\", \"bing\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        JsonNode hook = hub.get("/api/v1/call-flows/" + id).json().get("post_call_webhook");
        assertThat(hook.get("events").toString()).isEqualTo("[\"call.completed\",\"call.missed\"]");
        assertThat(hook.get("filter").toString())
                .isEqualTo("{\"qualified_ai\":true,\"min_ai_score\":70,\"min_duration_seconds\":30,\"sources\":[\"google\",\"bing\"]}");
        Reply echoed = hub.put("/api/v1/call-flows/" + id, hub.get("/api/v1/call-flows/" + id).body());
        assertThat(echoed.json().at("/post_call_webhook/filter")).isEqualTo(hook.get("filter"));

        JsonNode plain = create("").json().get("post_call_webhook");
        assertThat(plain.get("events").toString()).as("every event by default")
                .isEqualTo("[\"call.completed\",\"call.missed\",\"call.voicemail\",\"call.failed\"]");
        assertThat(plain.get("filter").toString())
                .isEqualTo("{\"qualified_ai\":null,\"min_ai_score\":null,\"min_duration_seconds\":null,\"sources\":null}");
        assertThat(plain.get("headers").size()).isZero();
    }
}
