package dev.hookline.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallFlowApiTest {
    @TempDir Path dir;
    TestHub hub;

    static final String FLOW = """
            {"name": "Google Ads", "tracking_numbers": ["+15735551234"],
             "post_call_webhook": {"enabled": true, "url": "https://example.com/hook", "firing_mode": "immediate", "connector": "webhook"},
             "steps": [
               {"type": "webhook", "url": "https://crm.example/route", "method": "POST", "body": null, "timeout_seconds": 5, "wait_for_response": false},
               {"type": "say", "message": "Thanks for calling"},
               {"type": "forward", "destination": "+13055554567"},
               {"type": "hangup", "message": "We are closed."}]}""";

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void createShowsTheSecretOnceThenMasksIt() {
        Reply created = hub.post("/api/v1/call-flows", FLOW);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String secret = created.json().at("/post_call_webhook/signing_secret").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(created.json().get("business_id").asText()).isEqualTo(hub.app().defaultBusinessId());
        assertThat(created.json().get("steps")).hasSize(4);
        assertThat(created.json().at("/steps/0/timeout_seconds").asInt()).isEqualTo(5);

        Reply got = hub.get("/api/v1/call-flows/" + id);
        assertThat(got.status()).isEqualTo(200);
        String masked = got.json().at("/post_call_webhook/signing_secret").asText();
        assertThat(masked).isNotEqualTo(secret).doesNotContain(secret.substring(10, 30));
        assertThat(got.json().get("name").asText()).isEqualTo("Google Ads");
        assertThat(got.json().at("/tracking_numbers/0").asText()).isEqualTo("+15735551234");

        Reply list = hub.get("/api/v1/call-flows");
        assertThat(list.json().get("data")).hasSize(1);
    }

    @Test
    void putReplacesTheWholeFlowAndKeepsTheSecret() {
        Reply created = hub.post("/api/v1/call-flows", FLOW);
        String id = created.json().get("id").asText();
        Reply put = hub.put("/api/v1/call-flows/" + id, """
                {"name": "Renamed", "tracking_numbers": ["+15735550000"], "steps": [{"type": "hangup"}]}""");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("name").asText()).isEqualTo("Renamed");
        assertThat(put.json().at("/post_call_webhook/enabled").asBoolean()).isFalse();
        assertThat(put.json().get("steps")).hasSize(1);
        // the old number is free again, the new one is taken
        assertThat(hub.post("/api/v1/call-flows", FLOW).status()).isEqualTo(201);
        Reply clash = hub.post("/api/v1/call-flows", FLOW.replace("+15735551234", "+15735550000"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.error("field")).isEqualTo("tracking_numbers[0]");
    }

    @Test
    void deleteRemovesTheFlow() {
        String id = hub.post("/api/v1/call-flows", FLOW).json().get("id").asText();
        assertThat(hub.delete("/api/v1/call-flows/" + id).status()).isEqualTo(204);
        assertThat(hub.get("/api/v1/call-flows/" + id).status()).isEqualTo(404);
        assertThat(hub.delete("/api/v1/call-flows/" + id).status()).isEqualTo(404);
        assertThat(hub.post("/api/v1/call-flows", FLOW).status()).isEqualTo(201);
    }

    @Test
    void trackingNumberOfAnotherFlowIsAConflict() {
        assertThat(hub.post("/api/v1/call-flows", FLOW).status()).isEqualTo(201);
        Reply r = hub.post("/api/v1/call-flows", FLOW);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.error("message")).contains("+15735551234");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown top-level key      | {\"name\":\"x\",\"nmae\":\"y\"}                                          | nmae",
            "missing name               | {\"tracking_numbers\":[]}                                              | name",
            "name of the wrong type     | {\"name\":5}                                                           | name",
            "relative url               | {\"name\":\"x\",\"post_call_webhook\":{\"url\":\"/hook\"}}              | post_call_webhook.url",
            "ftp url                    | {\"name\":\"x\",\"post_call_webhook\":{\"url\":\"ftp://a.example/\"}}   | post_call_webhook.url",
            "enabled without url        | {\"name\":\"x\",\"post_call_webhook\":{\"enabled\":true}}              | post_call_webhook.url",
            "bad firing mode            | {\"name\":\"x\",\"post_call_webhook\":{\"url\":\"https://a.example/\",\"firing_mode\":\"later\"}} | post_call_webhook.firing_mode",
            "unknown connector          | {\"name\":\"x\",\"post_call_webhook\":{\"url\":\"https://a.example/\",\"connector\":\"fax\"}}     | post_call_webhook.connector",
            "unknown webhook key        | {\"name\":\"x\",\"post_call_webhook\":{\"url\":\"https://a.example/\",\"retries\":3}}           | post_call_webhook.retries",
            "bad tracking number        | {\"name\":\"x\",\"tracking_numbers\":[\"call me\"]}                    | tracking_numbers[0]",
            "step method                | {\"name\":\"x\",\"steps\":[{\"type\":\"webhook\",\"url\":\"https://a.example/\",\"method\":\"DELETE\"}]} | steps[0].method",
            "step timeout 0             | {\"name\":\"x\",\"steps\":[{\"type\":\"webhook\",\"url\":\"https://a.example/\",\"timeout_seconds\":0}]} | steps[0].timeout_seconds",
            "step timeout 31            | {\"name\":\"x\",\"steps\":[{\"type\":\"webhook\",\"url\":\"https://a.example/\",\"timeout_seconds\":31}]} | steps[0].timeout_seconds",
            "step url                   | {\"name\":\"x\",\"steps\":[{\"type\":\"webhook\",\"url\":\"nope\"}]}   | steps[0].url",
            "step type                  | {\"name\":\"x\",\"steps\":[{\"type\":\"dance\"}]}                      | steps[0].type",
            "step unknown key           | {\"name\":\"x\",\"steps\":[{\"type\":\"say\",\"message\":\"hi\",\"voice\":\"x\"}]} | steps[0].voice",
            "forward destination        | {\"name\":\"x\",\"steps\":[{\"type\":\"forward\",\"destination\":\"x\"}]} | steps[0].destination",
            "template unknown variable  | {\"name\":\"x\",\"steps\":[{\"type\":\"webhook\",\"url\":\"https://a.example/\",\"body\":\"{{nope}}\"}]} | steps[0].body",
            "template does not parse    | {\"name\":\"x\",\"steps\":[{\"type\":\"webhook\",\"url\":\"https://a.example/\",\"body\":\"{{#caller_number}}\"}]} | steps[0].body",
    })
    void invalidFlowsAreRefusedNamingTheField(String why, String body, String field) {
        Reply r = hub.post("/api/v1/call-flows", body);
        assertThat(r.status()).as(why + ": " + r.body()).isEqualTo(400);
        assertThat(r.error("field")).as(why).isEqualTo(field);
        assertThat(r.error("message")).as(why).isNotBlank();
    }

    @Test
    void privateTargetsAreRefusedUnlessAllowed() {
        try (TestHub strict = TestHub.start(dir.resolve("strict"), java.time.Clock.systemUTC(), c -> c.withAllowPrivateTargets(false))) {
            for (String url : new String[] {"http://127.0.0.1:9/x", "http://localhost/x", "http://10.1.2.3/", "http://[::1]/", "http://169.254.169.254/latest"}) {
                Reply r = strict.post("/api/v1/call-flows", "{\"name\":\"x\",\"post_call_webhook\":{\"url\":\"" + url + "\"}}");
                assertThat(r.status()).as(url).isEqualTo(400);
                assertThat(r.error("field")).isEqualTo("post_call_webhook.url");
            }
            assertThat(strict.post("/api/v1/call-flows", "{\"name\":\"x\",\"post_call_webhook\":{\"url\":\"https://hooks.example.com/x\"}}").status())
                    .isEqualTo(201);
        }
    }

    @Test
    void aSecondBusinessSeesNoneOfTheFirstsFlows() {
        String id = hub.post("/api/v1/call-flows", FLOW).json().get("id").asText();
        String[] other = hub.app().apiKeys().createBusiness("Other");
        TestHub second = hub.as(other[1]);
        assertThat(second.get("/api/v1/call-flows").json().get("data")).isEmpty();
        assertThat(second.get("/api/v1/call-flows/" + id).status()).isEqualTo(404);
        assertThat(second.put("/api/v1/call-flows/" + id, "{\"name\":\"stolen\"}").status()).isEqualTo(404);
        assertThat(second.delete("/api/v1/call-flows/" + id).status()).isEqualTo(404);
        // the same tracking number is free in another business
        assertThat(second.post("/api/v1/call-flows", FLOW).status()).isEqualTo(201);
        assertThat(hub.get("/api/v1/call-flows/" + id).json().get("name").asText()).isEqualTo("Google Ads");
    }
}
