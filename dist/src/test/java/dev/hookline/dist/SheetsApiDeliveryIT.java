package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hookline.dist.GoogleSheetsEmulator.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled sheets-api plugin in the running hookline.jar, with HOOKLINE_GOOGLE_TOKEN_URL and
 * HOOKLINE_SHEETS_API_URL pointing at an emulator of Google on loopback. Each test has its own
 * service account, spreadsheet and tracking number, so one hub serves them all.
 */
class SheetsApiDeliveryIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);
    static final AtomicInteger NUMBERS = new AtomicInteger(1000);
    @TempDir static Path dir;
    static GoogleSheetsEmulator google;
    static JarHub hub;

    @BeforeAll
    static void start() throws Exception {
        google = new GoogleSheetsEmulator();
        hub = JarHub.withKey(dir, Map.of(
                "HOOKLINE_GOOGLE_TOKEN_URL", google.tokenUrl(),
                "HOOKLINE_SHEETS_API_URL", google.apiUrl(),
                "HOOKLINE_ALLOW_PRIVATE_TARGETS", "true", // the emulator is on loopback
                "HOOKLINE_POST_CALL_TIMEOUT", "2s",
                "HOOKLINE_RETRY_DELAYS", "1s,1s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            String log = hub.output();
            hub.close();
            // the key file and the tokens never reach the log
            assertThat(log).doesNotContain("PRIVATE KEY").doesNotContain("ya29.");
        }
        if (google != null) google.close();
    }

    /** A flow writing to a new spreadsheet as a new service account; returns {tracking number, spreadsheet id, account}. */
    static String[] sheetFlow(String name) throws Exception {
        String account = name + "@hookline-it.iam.gserviceaccount.com";
        String keyFile = google.serviceAccount(account);
        String spreadsheet = "1" + name.replaceAll("[^A-Za-z0-9]", "") + "Sheet0000000000";
        String tracking = "+1573555" + NUMBERS.incrementAndGet();
        String body = JSON.writeValueAsString(Map.of("name", "Sheets " + name, "tracking_numbers", List.of(tracking),
                "post_call_webhook", Map.of("enabled", true, "connector", "sheets-api",
                        "url", "https://docs.google.com/spreadsheets/d/" + spreadsheet + "/edit",
                        "settings", Map.of("service_account_json", keyFile, "sheet", "Calls"))));
        JarHub.Reply r = hub.post("/api/v1/call-flows", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/post_call_webhook/warnings")).isEmpty();
        return new String[] {tracking, spreadsheet, account, r.json().get("id").asText()};
    }

    static String call(String tracking, String callId) {
        JarHub.Reply r = hub.post("/api/v1/calls", """
                {"call_id": "%s", "tracking_number": "%s", "caller_number": "+13055559876", "status": "completed",
                 "duration_seconds": 145, "source": "google"}""".formatted(callId, tracking));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("delivery_id").asText();
    }

    static JsonNode finished(String deliveryId) throws InterruptedException {
        return hub.awaitDelivery(deliveryId, d -> !"pending".equals(d.path("status").asText()), WAIT);
    }

    static List<String> deliveryIds(List<List<String>> rows) {
        return rows.stream().skip(1).map(row -> row.get(36)).toList();
    }

    @Test
    void rowsAreAppendedUnderAHeaderWithOneTokenForEveryDelivery() throws Exception {
        String[] f = sheetFlow("rows");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String id = call(f[0], "rows-" + i);
            JsonNode d = finished(id);
            assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("succeeded");
            assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
            assertThat(d.at("/attempts/0/response_body").asText()).contains("updatedRange");
            ids.add(id);
        }
        List<List<String>> rows = google.rows(f[1]);
        assertThat(rows.get(0)).hasSize(38).startsWith("event", "call_id", "business_id").endsWith("delivery_id", "attempt");
        assertThat(deliveryIds(rows)).containsExactlyElementsOf(ids);
        assertThat(rows.get(1).get(rows.get(0).indexOf("call_id"))).isEqualTo("rows-1");
        assertThat(rows.get(1).get(rows.get(0).indexOf("call_flow_id"))).isEqualTo(f[3]);
        assertThat(google.calls("token", f[2])).hasSize(1);
        assertThat(google.refusedJwts).isEmpty();
        // one look-up (the first write, which found the sheet empty), then appends alone
        assertThat(google.calls("get", f[1])).hasSize(1);
        assertThat(google.calls("append", f[1])).hasSize(3).allMatch(c -> c.status() == 200);
    }

    @Test
    void aRetryAfterAnAppendWhoseAnswerWasLostWritesNoDuplicate() throws Exception {
        String[] f = sheetFlow("lost");
        String first = call(f[0], "lost-0");
        finished(first);
        google.holdNextAppendAnswer(f[1]);
        String id = call(f[0], "lost-1");

        JsonNode d = finished(id);
        assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("succeeded");
        assertThat(d.get("attempts")).hasSize(2);
        assertThat(d.at("/attempts/0/error").asText()).isEqualTo("timed out after 2s");
        assertThat(d.at("/attempts/1/response_body").asText()).contains("already in the sheet");
        assertThat(deliveryIds(google.rows(f[1]))).containsExactly(first, id);
        assertThat(google.calls("append", f[1])).hasSize(2);
    }

    @Test
    void a429IsHonouredWithItsRetryAfterAndNoWriteMeanwhile() throws Exception {
        String[] f = sheetFlow("quota");
        google.limitWrites(f[2], 1, Duration.ofSeconds(4));
        finished(call(f[0], "quota-1"));
        String id = call(f[0], "quota-2");

        JsonNode d = finished(id);
        assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("succeeded");
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(429);
        assertThat(d.at("/attempts/0/error").asText()).startsWith("HTTP 429 RESOURCE_EXHAUSTED").contains("next attempt in");
        Instant refused = Instant.parse(d.at("/attempts/0/sent_at").asText());
        Instant retried = Instant.parse(d.at("/attempts/" + (d.get("attempts").size() - 1) + "/sent_at").asText());
        assertThat(Duration.between(refused, retried)).as("the retry waited for Retry-After, not the 1 s retry delay")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        List<Call> appends = google.calls("append", f[1]);
        assertThat(appends).extracting(Call::status).containsExactly(200, 429, 200);
        assertThat(deliveryIds(google.rows(f[1]))).hasSize(2).contains(id);
    }

    @Test
    void aBurstOfDeliveriesIsBatchedIntoFewAppends() throws Exception {
        String[] f = sheetFlow("burst");
        finished(call(f[0], "burst-0"));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 40; i++) ids.add(call(f[0], "burst-" + i));
        for (String id : ids) assertThat(finished(id).get("status").asText()).isEqualTo("succeeded");

        List<Call> appends = google.calls("append", f[1]);
        System.out.println("sheets-api burst: 41 deliveries in " + appends.size() + " appends of " + appends.stream().map(Call::rows).toList()
                + " rows");
        assertThat(appends).allMatch(c -> c.status() == 200);
        assertThat(appends.size()).as("appends for 41 deliveries").isLessThanOrEqualTo(10);
        assertThat(appends.stream().mapToInt(Call::rows).max().orElse(0)).isGreaterThan(1);
        List<String> written = deliveryIds(google.rows(f[1]));
        assertThat(written).hasSize(41).containsAll(ids);
        assertThat(new HashSet<>(written)).hasSize(41);
        // batches of one account start at least a second apart: 60 a minute at most (the first of the
        // burst is left out: the append before it came after a look-up, so it reached Google later)
        for (int i = 2; i < appends.size(); i++) {
            assertThat(appends.get(i).atMillis() - appends.get(i - 1).atMillis()).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void aRevokedTokenIsRefusedWith401AndReplacedOnTheRetry() throws Exception {
        String[] f = sheetFlow("revoked");
        finished(call(f[0], "revoked-0"));
        google.revokeTokens();
        JsonNode d = finished(call(f[0], "revoked-1"));
        assertThat(d.get("status").asText()).as(d.toString()).isEqualTo("succeeded");
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(401);
        assertThat(d.at("/attempts/0/error").asText()).startsWith("HTTP 401 UNAUTHENTICATED");
        assertThat(google.calls("token", f[2])).hasSize(2);
    }

    @Test
    void theKeyFileIsNeverShownAgainAndABadOneIsRefusedOnSave() throws Exception {
        String[] f = sheetFlow("secret");
        JarHub.Reply got = hub.get("/api/v1/call-flows/" + f[3]);
        assertThat(got.body()).doesNotContain("PRIVATE KEY");
        String masked = got.json().at("/post_call_webhook/settings/service_account_json").asText();
        assertThat(masked).matches("…[A-Za-z0-9]{4}");
        assertThat(got.json().at("/post_call_webhook/settings/sheet").asText()).isEqualTo("Calls");
        // saved back as read: the stored key stays, and deliveries still work
        JarHub.Reply put = hub.put("/api/v1/call-flows/" + f[3], got.body());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(finished(call(f[0], "secret-1")).get("status").asText()).isEqualTo("succeeded");

        ObjectNode bad = got.json().deepCopy();
        ((ObjectNode) bad.at("/post_call_webhook/settings")).put("service_account_json", "{\"client_email\": \"x@y.z\"}");
        JarHub.Reply refused = hub.put("/api/v1/call-flows/" + f[3], bad.toString());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/error/field").asText()).isEqualTo("post_call_webhook.settings.service_account_json");
        assertThat(refused.json().at("/error/message").asText()).contains("has no private_key");
    }
}
