package dev.hookline.connectors;

import static dev.hookline.testing.PluginJars.withConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import dev.hookline.testing.TestHub.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A flow that names no connector gets the one its URL is made for; naming the generic one for such a URL is warned about. */
class ConnectorChoiceApiTest {
    @TempDir Path dir;
    TestHub hub;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        for (String id : new String[] {"slack", "sheets", "zapier", "make"}) {
            withConnector("test-" + id, id).writeTo(plugins.resolve(id + ".jar"));
        }
        hub = TestHub.start(dir);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    Reply save(String url, String connector) {
        String named = connector == null ? "" : ", \"connector\": \"" + connector + "\"";
        return hub.post("/api/v1/call-flows", """
                {"name": "Seed recipe", "post_call_webhook": {"url": "%s"%s}}""".formatted(url, named));
    }

    @ParameterizedTest
    @CsvSource({
            "https://hooks.slack.com/services/T000/B000/XXXX, slack",
            "https://script.google.com/macros/s/AKfycbx123/exec, sheets",
            "https://hooks.zapier.com/hooks/catch/123456/abcdef/, zapier",
            "https://hook.eu1.make.com/abcdefghijklmnop, make",
            "https://hook.us2.make.com/abc, make",
            "https://crm.example.com/hookline, webhook",
            "https://hooks.slack.com/other/path, webhook",
            "https://script.google.com/macros/s/AKfycbx123/dev, webhook"})
    void anOmittedConnectorIsChosenFromTheUrlAndTheAnswerSaysSo(String url, String expected) {
        Reply r = save(url, null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/post_call_webhook/connector").asText()).isEqualTo(expected);
        String warnings = r.json().at("/post_call_webhook/warnings").toString();
        if (expected.equals("webhook")) {
            assertThat(r.json().at("/post_call_webhook/warnings")).isEmpty();
        } else {
            assertThat(warnings).contains("connector \\\"" + expected + "\\\" was chosen from the URL");
        }
        String id = r.json().get("id").asText();
        assertThat(hub.get("/api/v1/call-flows/" + id).json().at("/post_call_webhook/connector").asText()).as("stored").isEqualTo(expected);
    }

    @Test
    void theGenericConnectorNamedForAServicesUrlIsSavedWithAWarningNamingTheRightOne() {
        Reply slack = save("https://hooks.slack.com/services/T000/B000/XXXX", "webhook");
        assertThat(slack.status()).isEqualTo(201);
        assertThat(slack.json().at("/post_call_webhook/connector").asText()).isEqualTo("webhook");
        assertThat(slack.json().at("/post_call_webhook/warnings/0").asText()).contains("Slack").contains("\"connector\": \"slack\"");
        Reply sheets = save("https://script.google.com/macros/s/AKfycbx123/exec", "webhook");
        assertThat(sheets.json().at("/post_call_webhook/warnings/0").asText()).contains("\"connector\": \"sheets\"");
        Reply chosen = save("https://hooks.slack.com/services/T000/B000/XXXX", "slack");
        assertThat(chosen.json().at("/post_call_webhook/warnings")).as("nothing to say when the right one is named").isEmpty();
        Reply plain = save("https://crm.example.com/hookline", "webhook");
        assertThat(plain.json().at("/post_call_webhook/warnings")).isEmpty();
    }
}
