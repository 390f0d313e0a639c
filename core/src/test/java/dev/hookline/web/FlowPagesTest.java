package dev.hookline.web;

import static dev.hookline.testing.PluginJars.withConnector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow editor's answers from the services: connector warnings and errors, conflicts, a Test with nothing to test. */
class FlowPagesTest {
    @TempDir Path dir;
    TestHub hub;
    WebClient web;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        withConnector("acme-plugin", "acme").writeTo(plugins.resolve("acme.jar")); // warns on /warn, refuses /refuse
        hub = TestHub.start(dir);
        web = new WebClient(hub.base());
        web.signIn(TestHub.KEY);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private Map<String, String> form(String name, String numbers, String connector, String url) {
        return WebClient.form("csrf", web.get("/flows/new").csrf(), "name", name, "tracking_numbers", numbers,
                "post_call_webhook.enabled", "on", "post_call_webhook.url", url, "post_call_webhook.firing_mode", "immediate",
                "post_call_webhook.connector", connector, "op", "save");
    }

    @Test
    void theConnectorsWarningIsShownBesideTheUrlOfTheSavedFlow() {
        WebClient.Page created = web.post("/flows", form("Ads", "+15735550401", "acme", "https://example.com/warn"));
        assertThat(created.status()).isEqualTo(303);
        String page = web.get(created.location()).body();
        assertThat(page).contains("<p class=\"field-warning\" role=\"status\">this URL looks odd to acme</p>");
        assertThat(page).contains("<option value=\"acme\" selected>Test connector acme</option>");
    }

    @Test
    void aRefusedUrlAndATakenNumberAreShownOnTheirInputsWithTheInputKept() {
        WebClient.Page refused = web.post("/flows", form("Ads", "+15735550402", "acme", "https://example.com/refuse"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"f-url-err\"").contains("this URL is refused by acme")
                .contains("value=\"https://example.com/refuse\"").contains("<a href=\"#f-url\">");
        assertThat(hub.get("/api/v1/call-flows").json().get("data")).isEmpty();

        hub.flow("+15735550403", "https://example.com/first", "immediate");
        WebClient.Page taken = web.post("/flows", form("Second", "+15735550404\n+15735550403", "webhook", "https://example.com/second"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("id=\"f-numbers-err\"").contains("tracking number +15735550403 already belongs to call flow")
                .contains(">+15735550404&#10;+15735550403</textarea>").contains("value=\"Second\"");
    }

    @Test
    void testingAFlowWithoutAUrlSaysWhyInsteadOfSending() {
        String token = web.get("/flows/new").csrf();
        WebClient.Page created = web.post("/flows", WebClient.form("csrf", token, "name", "No hook", "tracking_numbers", "+15735550405",
                "post_call_webhook.url", "", "post_call_webhook.firing_mode", "immediate", "op", "save"));
        assertThat(created.status()).isEqualTo(303);
        String id = created.location().substring("/flows/".length());
        WebClient.Page test = web.post("/flows/" + id + "/test", WebClient.form("csrf", token));
        assertThat(test.status()).isEqualTo(303);
        assertThat(web.get("/flows/" + id).body()).contains("Test not sent").contains("the flow has no post-call webhook URL to test");
    }
}
