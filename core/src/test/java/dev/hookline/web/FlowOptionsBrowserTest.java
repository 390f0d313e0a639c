package dev.hookline.web;

import static dev.hookline.testing.PluginJars.withConnector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.PluginJars;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The post-call webhook's options in the flow editor, in headless Chromium against a real hub:
 * what the page saves is what the API answers, a save that touches nothing keeps the stored
 * secrets (checked where they arrive, at a loopback receiver), errors sit beside their input,
 * and a skipped delivery says why in the log.
 */
class FlowOptionsBrowserTest extends BrowserTest {
    Receiver receiver;

    @BeforeEach
    void start() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        withConnector("test-zapier", "zapier").writeTo(plugins.resolve("zapier.jar"));
        sheetsApiStandIn().writeTo(plugins.resolve("sheets-api.jar"));
        receiver = Receiver.start();
        hub = TestHub.start(dir);
        freshBrowser();
        signIn(TestHub.KEY);
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void headersEventsAndFilterSetInTheEditorAreWhatTheApiAnswersAndASecondSaveKeepsTheHeaderValues() {
        receiver.answer(r -> Answer.ok("{\"ok\":true}"));
        String flowId = hub.flow("+15735550601", receiver.url("/crm"), "wait_for_ai");
        d.get(hub.base() + "/flows/" + flowId);
        d.findElement(By.id("h0-name")).sendKeys("X-Api-Key");
        d.findElement(By.id("h0-value")).sendKeys("crm-key-5678");
        d.findElement(By.id("add-header")).click(); // the script adds the row in place
        browser.find(By.id("h1-name")).sendKeys("X-Tenant");
        d.findElement(By.id("h1-value")).sendKeys("acme-west");
        d.findElement(By.id("f-event-0")).click(); // call.completed
        d.findElement(By.id("f-event-2")).click(); // call.voicemail
        new Select(d.findElement(By.id("f-qualified-ai"))).selectByValue("true");
        d.findElement(By.id("f-min-ai-score")).sendKeys("60");
        d.findElement(By.id("f-min-duration")).sendKeys("30");
        d.findElement(By.id("f-sources")).sendKeys("google, Facebook");
        browser.press(By.id("save"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));

        JsonNode hook = hub.get("/api/v1/call-flows/" + flowId).json().get("post_call_webhook");
        assertThat(hook.get("headers").toString()).isEqualTo("{\"X-Api-Key\":\"…5678\",\"X-Tenant\":\"…west\"}");
        assertThat(hook.get("events").toString()).isEqualTo("[\"call.completed\",\"call.voicemail\"]");
        assertThat(hook.get("filter").toString())
                .isEqualTo("{\"qualified_ai\":true,\"min_ai_score\":60,\"min_duration_seconds\":30,\"sources\":[\"google\",\"Facebook\"]}");

        // the page shows what is stored, the header values masked as the API masks them
        d.navigate().refresh();
        assertThat(d.findElement(By.id("h0-value")).getAttribute("value")).isEqualTo("…5678");
        assertThat(d.findElement(By.id("h1-name")).getAttribute("value")).isEqualTo("X-Tenant");
        assertThat(d.findElement(By.id("f-event-0")).isSelected()).isTrue();
        assertThat(d.findElement(By.id("f-event-1")).isSelected()).isFalse();
        assertThat(d.findElement(By.id("f-min-ai-score")).getAttribute("value")).isEqualTo("60");
        assertThat(d.getPageSource()).doesNotContain("crm-key-5678").doesNotContain("acme-west");
        browser.fullScreenshot("20-flow-options", 1280);

        // saved again untouched: the masks keep the stored values, which is what the receiver gets
        browser.press(By.id("save"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        assertThat(hub.get("/api/v1/call-flows/" + flowId).json().at("/post_call_webhook/headers").toString())
                .isEqualTo("{\"X-Api-Key\":\"…5678\",\"X-Tenant\":\"…west\"}");
        d.findElement(By.id("test-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-status")));
        Receiver.Received got = receiver.next(WAIT);
        assertThat(got.header("X-Api-Key")).isEqualTo("crm-key-5678");
        assertThat(got.header("X-Tenant")).isEqualTo("acme-west");
        assertThat(d.findElement(By.id("test-filters")).getText()).contains("Test ignores the flow's events and filter");
    }

    @Test
    void aSecretSettingIsNeverShownBackAndASaveThatLeavesItMaskedKeepsIt() {
        String key = "{\"type\": \"service_account\", \"client_email\": \"rows@proj.iam.gserviceaccount.com\", \"private_key\": \"pk-7d41\"}";
        String flowId = hub.flow("+15735550602", receiver.url("/sheet"), "immediate");
        d.get(hub.base() + "/flows/" + flowId);
        new Select(d.findElement(By.id("f-connector"))).selectByValue("sheets-api");
        assertThat(d.findElement(By.cssSelector("details.guide[data-connector='sheets-api']")).getAttribute("open")).isNotNull();
        assertThat(d.findElement(By.cssSelector("details.guide[data-connector='sheets-api']")).getText()).contains("service account");
        d.findElement(By.id("f-spreadsheet-id")).sendKeys("1AbCdEf");
        d.findElement(By.id("f-sheet")).sendKeys("Calls");
        d.findElement(By.id("f-service-account-json")).sendKeys(key);
        browser.press(By.id("save"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));

        JsonNode settings = hub.get("/api/v1/call-flows/" + flowId).json().at("/post_call_webhook/settings");
        assertThat(settings.get("spreadsheet_id").asText()).isEqualTo("1AbCdEf");
        assertThat(settings.get("sheet").asText()).isEqualTo("Calls");
        String masked = settings.get("service_account_json").asText();
        assertThat(masked).startsWith("…").doesNotContain("pk-7d41");
        assertThat(d.findElement(By.id("f-service-account-json")).getAttribute("value")).isEqualTo(masked);
        assertThat(d.getPageSource()).doesNotContain("pk-7d41").doesNotContain("rows@proj");

        browser.press(By.id("save")); // nothing touched
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        d.findElement(By.id("test-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-status")));
        assertThat(receiver.next(WAIT).text()).as("the stand-in connector posts the key it was given").contains("pk-7d41")
                .contains("\"sheet\":\"Calls\"");
    }

    @Test
    void automaticPicksTheConnectorFromTheUrlAndSaysSo() {
        d.get(hub.base() + "/flows/new");
        d.findElement(By.id("f-name")).sendKeys("Zap");
        d.findElement(By.id("f-numbers")).sendKeys("+15735550603");
        d.findElement(By.id("f-url")).sendKeys("https://hooks.zapier.com/hooks/catch/123456/abcdef/");
        assertThat(new Select(d.findElement(By.id("f-connector"))).getFirstSelectedOption().getAttribute("value")).isEmpty(); // Automatic
        browser.press(By.id("save"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret")));
        String flowId = d.getCurrentUrl().substring(d.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(hub.get("/api/v1/call-flows/" + flowId).json().at("/post_call_webhook/connector").asText()).isEqualTo("zapier");
        assertThat(d.findElement(By.cssSelector("#post-call .field-warning")).getText()).contains("connector \"zapier\" was chosen from the URL");
        assertThat(new Select(d.findElement(By.id("f-connector"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("zapier");
    }

    @Test
    void theServicesErrorsOnOptionsSitBesideTheirInputsWithWhatWasTyped() {
        String flowId = hub.flow("+15735550604", receiver.url("/crm"), "immediate");
        d.get(hub.base() + "/flows/" + flowId);
        d.findElement(By.id("f-min-ai-score")).sendKeys("150");
        d.findElement(By.id("f-sources")).sendKeys("google");
        browser.press(By.id("save"));
        WebElement error = browser.find(By.id("f-min-ai-score-err"));
        assertThat(error.getText()).contains("post_call_webhook.filter.min_ai_score");
        assertThat(d.findElement(By.id("f-min-ai-score")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(d.findElement(By.id("f-min-ai-score")).getAttribute("value")).isEqualTo("150");
        assertThat(d.findElement(By.id("f-sources")).getAttribute("value")).isEqualTo("google");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("f-min-ai-score");

        WebElement score = d.findElement(By.id("f-min-ai-score"));
        score.clear();
        d.findElement(By.id("h0-name")).sendKeys("Content-Type");
        d.findElement(By.id("h0-value")).sendKeys("text/plain");
        browser.press(By.id("save"));
        assertThat(browser.find(By.id("h0-name-err")).getText()).contains("post_call_webhook.headers.Content-Type");
        assertThat(d.findElement(By.id("h0-value")).getAttribute("value")).isEqualTo("text/plain");
        browser.fullScreenshot("21-option-error", 1280);
        assertThat(hub.get("/api/v1/call-flows/" + flowId).json().get("post_call_webhook").toString()).as("nothing was saved")
                .doesNotContain("150").doesNotContain("google").doesNotContain("Content-Type");
    }

    @Test
    void aDeliverySkippedByTheFilterShowsInTheLogWithItsReason() {
        String n = "+15735550605";
        String flowId = hub.flow(n, receiver.url("/crm"), "wait_for_ai");
        hub.put("/api/v1/call-flows/" + flowId, "{\"name\":\"Qualified only\",\"tracking_numbers\":[\"" + n + "\"],\"post_call_webhook\":"
                + "{\"enabled\":true,\"url\":\"" + receiver.url("/crm") + "\",\"firing_mode\":\"wait_for_ai\",\"filter\":{\"qualified_ai\":true}}}");
        String id = hub.call("skip-1", n).json().get("delivery_id").asText();
        hub.post("/api/v1/calls/skip-1/analysis", "{\"ai_score\": 12, \"ai_category\": \"spam\", \"qualified_ai\": false}");
        hub.awaitDelivery(id, x -> x.get("status").asText().equals("skipped"), WAIT);

        d.get(hub.base() + "/deliveries");
        new Select(d.findElement(By.id("q-status"))).selectByVisibleText("skipped");
        browser.press(By.id("apply-filters"));
        List<WebElement> rows = d.findElements(By.cssSelector("#deliveries tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("skipped").contains("qualified_ai is false");
        d.findElement(By.cssSelector("tr[data-delivery='" + id + "'] a")).click();
        assertThat(browser.find(By.id("delivery-status")).getText()).isEqualTo("skipped");
        assertThat(d.findElement(By.id("delivery-skipped")).getText()).contains("qualified_ai is false").contains("Nothing was sent");
        browser.fullScreenshot("22-delivery-skipped", 1280);
    }


    /** A connector with the bundled sheets-api's id and secret setting, posting its settings to the flow's URL so a test sees what it was given. */
    private static PluginJars sheetsApiStandIn() {
        return PluginJars.plugin("test-sheets-api").extension("test.plugins.sheetsapi.StandInConnector", """
                import dev.hookline.plugins.*;
                import java.util.Map;
                import java.util.Set;

                @org.pf4j.Extension
                public final class StandInConnector implements Connector {
                    public String id() { return "sheets-api"; }
                    public String name() { return "Google Sheets (API) stand-in"; }
                    public Set<String> secretSettings() { return Set.of("service_account_json"); }
                    public OutgoingRequest build(CallEvent e, Destination d) {
                        return OutgoingRequest.postJson(d.url(), Json.write(Map.of("sheet", d.setting("sheet", ""),
                                "key", d.setting("service_account_json", ""))));
                    }
                }
                """);
    }
}
