package dev.hookline.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.plugins.CallEvent;
import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/connectors/sheets/apps-script}: the script a user pastes into their sheet. */
class AppsScriptApiTest {
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

    String createFlow(String name, String settings) {
        Reply r = hub.post("/api/v1/call-flows", """
                {"name": %s, "post_call_webhook": {"enabled": false, "url": "https://script.google.com/macros/s/abc/exec", "settings": %s}}"""
                .formatted(name, settings));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void theScriptIsPlainTextWithEverythingDoPostNeeds() {
        String id = createFlow("\"Google Ads\"", "{}");
        Reply r = hub.get("/api/v1/connectors/sheets/apps-script?call_flow_id=" + id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String script = r.body();
        assertThat(script.strip()).startsWith("/**");
        assertThat(script)
                .contains("Deploy → New deployment", "Web app", "Execute as: Me", "Who has access: Anyone", "/exec")
                .contains("\"Google Ads\" (" + id + ")")
                .contains("function doPost(e)")
                .contains("JSON.parse(e.postData.contents)")
                .contains("LockService.getScriptLock()", "waitLock(30000)", "releaseLock()")
                .contains("sheet.appendRow(COLUMNS)")
                .contains("alreadyWritten_(sheet, header.indexOf('delivery_id') + 1, id)")
                .contains("ContentService.createTextOutput(JSON.stringify(body)).setMimeType(ContentService.MimeType.JSON)")
                .contains("var SHEET_NAME = \"Calls\";");
        String columns = script.substring(script.indexOf("var COLUMNS = ") + 14, script.indexOf(";", script.indexOf("var COLUMNS = ")));
        assertThat(columns).startsWith("[\"event\",\"call_id\"").endsWith("\"delivery_id\",\"attempt\"]");
        assertThat(columns.split(",")).hasSize(CallEvent.FIELDS.size());
        // balanced braces: the template rendered whole
        assertThat(script.chars().filter(c -> c == '{').count()).isEqualTo(script.chars().filter(c -> c == '}').count());
    }

    @Test
    void aFlowNameCannotBreakOutOfTheCommentAndTheSheetNameIsASafeString() {
        String id = createFlow("\"Evil */ alert(1); /* \\n next\"", "{\"sheet_name\": \"Leads \\\"2026\\\" </script>\"}");
        String script = hub.get("/api/v1/connectors/sheets/apps-script?call_flow_id=" + id).body();
        assertThat(script).doesNotContain("Evil */").contains("\"Evil * / alert(1); /*   next\" (" + id + ")");
        assertThat(script).contains("var SHEET_NAME = \"Leads \\\"2026\\\" </script>\";");
    }

    @Test
    void aMissingFlowIdIs400AndAnotherBusinessesFlowIs404() {
        String id = createFlow("\"Mine\"", "{}");
        Reply missing = hub.get("/api/v1/connectors/sheets/apps-script");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error("field")).isEqualTo("call_flow_id");
        assertThat(hub.get("/api/v1/connectors/sheets/apps-script?call_flow_id=").status()).isEqualTo(400);
        assertThat(hub.get("/api/v1/connectors/sheets/apps-script?call_flow_id=nope").status()).isEqualTo(404);

        String[] other = hub.app().apiKeys().createBusiness("Other");
        assertThat(hub.as(other[1]).get("/api/v1/connectors/sheets/apps-script?call_flow_id=" + id).status()).isEqualTo(404);
        assertThat(hub.withoutKey().get("/api/v1/connectors/sheets/apps-script?call_flow_id=" + id).status()).isEqualTo(401);
    }
}
