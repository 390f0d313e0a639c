package dev.hookline.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.Receiver.Received;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Google Sheets plugin end to end against an Apps Script web-app emulator (POST, 302, GET). */
class SheetsDeliveryIT {
    @TempDir Path dir;
    TestHub hub;
    AppsScriptEmulator script;

    @BeforeEach
    void start() {
        hub = Hubs.start(dir);
        script = new AppsScriptEmulator();
    }

    @AfterEach
    void stop() {
        hub.close();
        script.close();
    }

    @Test
    void thePostRunsTheScriptAndTheRedirectIsFetchedWithGet() {
        String flowId = Hubs.flow(hub, "+15735551234", "sheets", script.url(), "{}").json().get("id").asText();
        String deliveryId = Hubs.call(hub, "call-sheet-1", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.get("attempts")).hasSize(1);
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(200);
        assertThat(d.at("/attempts/0/response_body").asText()).contains("\"ok\":true");

        List<Received> requests = script.requests();
        assertThat(requests).extracting(Received::method, Received::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/macros/s/AKfycbHookline/exec"),
                org.assertj.core.groups.Tuple.tuple("GET", "/macros/echo"));
        assertThat(requests.get(1).body()).isEmpty();
        List<List<String>> rows = script.rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).hasSize(38).startsWith("event", "call_id");
        assertThat(rows.get(1).get(rows.get(0).indexOf("delivery_id"))).isEqualTo(deliveryId);
        assertThat(rows.get(1).get(rows.get(0).indexOf("call_flow_id"))).isEqualTo(flowId);
    }

    @Test
    void aRetryAfterTheScriptRanDoesNotWriteTheRowTwice() {
        script.failEchoes(1);
        Hubs.flow(hub, "+15735551234", "sheets", script.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-sheet-retry", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("succeeded");
        assertThat(d.get("attempts")).hasSize(2);
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(500);
        assertThat(d.at("/attempts/1/response_body").asText()).contains("\"duplicate\":true");
        assertThat(script.rows()).hasSize(2);
        assertThat(script.requests()).noneMatch(r -> r.method().equals("POST") && r.path().equals("/macros/echo"));
    }

    @Test
    void aRedirectAnywhereButGooglesEchoHostIsNotFollowed() {
        script.redirectTo("https://accounts.google.com/ServiceLogin");
        Hubs.flow(hub, "+15735551234", "sheets", script.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-sheet-login", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("failed");
        assertThat(d.at("/attempts/0/status_code").asInt()).isEqualTo(302);
        assertThat(d.at("/attempts/0/error").asText()).startsWith("redirect to https://accounts.google.com/ServiceLogin").endsWith("not followed");
        assertThat(script.requests()).allMatch(r -> r.method().equals("POST"));
    }

    @Test
    void theGenericConnectorTreatsGooglesRedirectAsAFailure() {
        Hubs.flow(hub, "+15735551234", "webhook", script.url(), "{}");
        String deliveryId = Hubs.call(hub, "call-sheet-generic", "+15735551234");

        JsonNode d = Hubs.finished(hub, deliveryId);
        assertThat(d.get("status").asText()).isEqualTo("failed");
        // every retry ran the script again: the duplicates the sheets connector avoids (the script's delivery_id check saves the sheet)
        assertThat(script.requests().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(3);
    }

    @Test
    void theAppsScriptForTheFlowIsServedAsText() {
        String flowId = Hubs.flow(hub, "+15735551234", "sheets", script.url(), "{\"sheet_name\": \"Inbound calls\"}").json().get("id").asText();
        Reply r = hub.get("/api/v1/connectors/sheets/apps-script?call_flow_id=" + flowId);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("function doPost(e)", "waitLock(30000)", "var SHEET_NAME = \"Inbound calls\";");
    }
}
