package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard end to end in headless Chromium, against a real hub and real loopback receivers:
 * what a user does, checked on the page and through the API.
 */
class DashboardBrowserTest extends BrowserTest {
    Receiver receiver;

    @BeforeEach
    void start() {
        receiver = Receiver.start();
        // one retry after 50 ms, so a failing delivery is final within the test
        hub = TestHub.start(dir, java.time.Clock.systemUTC(), c -> c.withRetryDelays(List.of(Duration.ofMillis(50))));
        freshBrowser();
    }

    @AfterEach
    void stop() {
        hub.close();
        receiver.close();
    }

    @Test
    void signInCreateAFlowAndSeeTheReceiversAnswerToTest() {
        receiver.answer(r -> Answer.ok("{\"accepted\":true,\"note\":\"<script>alert('receiver')</script>\"}"));
        signIn(TestHub.KEY);
        d.get(hub.base() + "/");
        browser.screenshot("01-empty-health");
        browser.press(By.linkText("Call flows"));
        browser.press(By.id("new-flow"));
        d.findElement(By.id("f-name")).sendKeys("Google Ads <script>alert('name')</script>");
        d.findElement(By.id("f-numbers")).sendKeys("+15735551234");
        d.findElement(By.id("f-url")).sendKeys(receiver.url("/hook"));
        d.findElement(By.id("f-mode-wait")).click();
        browser.fullScreenshot("02-new-flow", 1280);
        browser.press(By.id("save"));

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret")));
        assertThat(d.findElement(By.id("flow-title")).getText()).isEqualTo("Google Ads <script>alert('name')</script>");
        assertNoAlert();
        String secret = d.findElement(By.id("secret-value")).getText();
        assertThat(secret).startsWith("whsec_");
        WebElement copy = d.findElement(By.cssSelector("#new-secret button.copy"));
        copy.click();
        wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        String flowId = d.getCurrentUrl().substring(d.getCurrentUrl().lastIndexOf('/') + 1);
        JsonNode saved = hub.get("/api/v1/call-flows/" + flowId).json();
        assertThat(saved.at("/post_call_webhook/firing_mode").asText()).isEqualTo("wait_for_ai");
        assertThat(saved.at("/post_call_webhook/url").asText()).isEqualTo(receiver.url("/hook"));

        d.findElement(By.id("test-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-status")));
        assertThat(d.getCurrentUrl()).endsWith("/flows/" + flowId); // in place: the page did not change
        assertThat(d.findElement(By.id("test-status")).getText()).isEqualTo("200");
        assertThat(d.findElement(By.id("test-response")).getText()).isEqualTo("{\"accepted\":true,\"note\":\"<script>alert('receiver')</script>\"}");
        assertNoAlert();
        assertThat(d.findElement(By.id("test-time")).getText()).endsWith("ms");
        assertThat(receiver.next(Duration.ofSeconds(5)).text()).contains("\"call_flow_id\":\"" + flowId + "\"");
        browser.fullScreenshot("03-flow-tested", 1280);

        d.navigate().refresh(); // the secret is shown once only
        assertThat(d.findElements(By.id("new-secret"))).isEmpty();
        assertThat(d.getPageSource()).doesNotContain(secret);
    }

    @Test
    void addAndReorderStepsWithErrorsBesideTheirFieldsThenSave() {
        String flowId = hub.flow("+15735552222", receiver.url("/hook"), "immediate");
        signIn(TestHub.KEY);
        d.get(hub.base() + "/flows/" + flowId);
        browser.press(By.id("add-say"));
        browser.find(By.id("s0-message")).sendKeys("Thanks for calling");
        browser.press(By.id("add-webhook"));
        assertThat(d.findElement(By.id("notice")).getText()).contains("Not saved yet");
        assertThat(d.findElement(By.id("s0-message")).getAttribute("value")).isEqualTo("Thanks for calling"); // kept across the edit
        browser.find(By.id("s1-url")).sendKeys("ftp://not-http.example");
        WebElement body = d.findElement(By.id("s1-body"));
        body.sendKeys("{\"caller\": \"");
        d.findElement(By.cssSelector("#s1 button[data-insert='{{caller_number}}']")).click();
        body.sendKeys("\"}");
        assertThat(body.getAttribute("value")).isEqualTo("{\"caller\": \"{{caller_number}}\"}");
        new Select(d.findElement(By.id("s1-method"))).selectByVisibleText("PUT");
        d.findElement(By.id("s1-wait")).click();
        browser.press(By.id("add-forward"));
        browser.find(By.id("s2-destination")).sendKeys("+13055554567");
        // move the webhook to the top: step 2 up
        browser.press(By.cssSelector("#s1 button[value='up:1']"));
        assertThat(d.findElement(By.cssSelector("#s0 .step-title")).getText()).isEqualTo("Step 1: Webhook");
        browser.press(By.id("save"));

        // the service refuses the URL: the error sits beside that input, what was typed is kept
        WebElement error = browser.find(By.id("s0-url-err"));
        assertThat(error.getText()).contains("steps[0].url");
        assertThat(d.findElement(By.id("s0-url")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(d.findElement(By.id("s0-url")).getAttribute("value")).isEqualTo("ftp://not-http.example");
        assertThat(d.findElement(By.id("s0-body")).getAttribute("value")).isEqualTo("{\"caller\": \"{{caller_number}}\"}");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("s0-url");
        browser.fullScreenshot("04-steps-error", 1280);
        WebElement url = d.findElement(By.id("s0-url"));
        url.clear();
        url.sendKeys(receiver.url("/route"));
        url.sendKeys(Keys.ENTER); // Enter saves (the form's default button), not a step button

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        JsonNode steps = hub.get("/api/v1/call-flows/" + flowId).json().get("steps");
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).get("type").asText()).isEqualTo("webhook");
        assertThat(steps.get(0).get("method").asText()).isEqualTo("PUT");
        assertThat(steps.get(0).get("wait_for_response").asBoolean()).isTrue();
        assertThat(steps.get(0).get("body").asText()).isEqualTo("{\"caller\": \"{{caller_number}}\"}");
        assertThat(steps.get(1).get("message").asText()).isEqualTo("Thanks for calling");
        assertThat(steps.get(2).get("destination").asText()).isEqualTo("+13055554567");

        // move the forward above the say, remove the webhook, save: the order holds after a reload
        browser.press(By.cssSelector("#s2 button[value='up:2']"));
        browser.press(By.cssSelector("#s0 button[value='remove:0']"));
        browser.press(By.id("save"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        d.navigate().refresh();
        assertThat(d.findElement(By.cssSelector("#s0 .step-title")).getText()).isEqualTo("Step 1: Forward");
        assertThat(d.findElement(By.cssSelector("#s1 .step-title")).getText()).isEqualTo("Step 2: Say");
        steps = hub.get("/api/v1/call-flows/" + flowId).json().get("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).get("type").asText()).isEqualTo("forward");
        assertThat(steps.get(1).get("type").asText()).isEqualTo("say");
        assertEveryInputLabelled();
        browser.fullScreenshot("05-flow-editor", 1280);
    }

    @Test
    void aFailedDeliveryIsFoundInTheLogAndRedelivered() {
        AtomicInteger failing = new AtomicInteger(1);
        receiver.answer(r -> failing.get() == 1 ? new Answer(500, "database is down <b>sorry</b>", Duration.ZERO, java.util.Map.of())
                : Answer.ok("thanks"));
        String flowId = hub.flow("+15735553333", receiver.url("/hook"), "immediate");
        hub.call("good-call-0", "+15735553333"); // these two fail as well, then the receiver recovers
        String failed = hub.call("bad-call-1", "+15735553333").json().get("delivery_id").asText();
        hub.awaitDelivery(failed, x -> x.get("status").asText().equals("failed"), Duration.ofSeconds(15));
        failing.set(0);
        String ok = hub.call("good-call-2", "+15735553333").json().get("delivery_id").asText();
        hub.awaitDelivery(ok, x -> x.get("status").asText().equals("succeeded"), Duration.ofSeconds(15));

        signIn(TestHub.KEY);
        browser.press(By.linkText("Deliveries"));
        new Select(d.findElement(By.id("q-status"))).selectByVisibleText("failed");
        browser.press(By.id("apply-filters"));
        List<WebElement> rows = d.findElements(By.cssSelector("#deliveries tbody tr"));
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.getAttribute("class")).contains("failed-row"));
        browser.fullScreenshot("06-deliveries-failed", 1280);
        browser.press(By.cssSelector("tr[data-delivery='" + failed + "'] a"));
        assertThat(d.findElement(By.id("delivery-status")).getText()).isEqualTo("failed");
        List<WebElement> attempts = d.findElements(By.cssSelector("#attempts > li"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).getText()).contains("HTTP 500").contains("database is down <b>sorry</b>");
        browser.fullScreenshot("07-delivery-failed", 1280);
        browser.press(By.id("redeliver"));

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash.ok")));
        String redelivery = d.findElement(By.id("delivery-id")).getText();
        assertThat(redelivery).isNotEqualTo(failed);
        hub.awaitDelivery(redelivery, x -> x.get("status").asText().equals("succeeded"), Duration.ofSeconds(15));
        d.navigate().refresh();
        assertThat(d.findElement(By.id("delivery-status")).getText()).isEqualTo("succeeded");
        assertThat(d.findElement(By.cssSelector("#attempts")).getText()).contains("HTTP 200").contains("thanks");

        // the log's time range: everything is inside the last hour, nothing before yesterday
        d.get(hub.base() + "/deliveries?flow=" + flowId);
        assertThat(d.findElements(By.cssSelector("#deliveries tbody tr"))).hasSize(4);
        d.get(hub.base() + "/deliveries?to=2000-01-01T00:00");
        assertThat(d.findElement(By.id("no-deliveries")).getText()).contains("match");
    }

    @Test
    void signOutThenPagesAndOldFormsAreRefused() {
        String flowId = hub.flow("+15735554444", receiver.url("/hook"), "immediate");
        signIn(TestHub.KEY);
        d.get(hub.base() + "/flows/" + flowId + "/delete");
        // sign out from another tab of the same browser: this tab keeps the confirmation form
        String confirmTab = d.getWindowHandle();
        d.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        d.get(hub.base() + "/flows");
        d.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/sign-in"));
        assertThat(d.getPageSource()).contains("You are signed out");
        d.get(hub.base() + "/flows");
        assertThat(d.getCurrentUrl()).contains("/sign-in?next=%2Fflows");
        d.close();
        d.switchTo().window(confirmTab);
        browser.press(By.id("confirm-delete")); // the old form, with its token, after sign-out
        assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Signed out");
        assertThat(hub.get("/api/v1/call-flows/" + flowId).status()).isEqualTo(200);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String flowId = hub.flow("+15735555555", receiver.url("/hook"), "immediate");
        signIn(TestHub.KEY);
        d.get(hub.base() + "/flows/" + flowId + "/delete");
        d.executeScript("document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove(); })");
        browser.press(By.id("confirm-delete"));
        assertThat(d.findElement(By.id("error-message")).getText()).contains("Nothing was changed");
        assertThat(hub.get("/api/v1/call-flows/" + flowId).status()).isEqualTo(200);
    }

    @Test
    void anotherBusinessesFlowDeliveryAndCallAreNotFound() {
        String[] other = hub.app().apiKeys().createBusiness("Other Co");
        TestHub them = hub.as(other[1]);
        String flow = them.flow("+15735556666", receiver.url("/theirs"), "immediate");
        String delivery = them.call("their-call", "+15735556666").json().get("delivery_id").asText();
        signIn(TestHub.KEY);
        for (String path : List.of("/flows/" + flow, "/deliveries/" + delivery, "/calls/their-call")) {
            d.get(hub.base() + path);
            assertThat(d.findElement(By.tagName("h1")).getText()).as(path).isEqualTo("Not found");
        }
        signIn(other[1]);
        d.get(hub.base() + "/flows/" + flow);
        assertThat(d.findElement(By.id("flow-title")).getText()).isEqualTo("Flow +15735556666");
    }

    @Test
    void callsHealthAndSheetsPagesAtDesktopAndPhoneWidth() throws Exception {
        receiver.answer(r -> r.path().equals("/down") ? Answer.status(503) : Answer.ok("{\"action\": \"say\", \"message\": \"Hi\"}"));
        String ads = hub.flow("+15735557777", receiver.url("/hook"), "immediate");
        hub.put("/api/v1/call-flows/" + ads, "{\"name\":\"Google Ads\",\"tracking_numbers\":[\"+15735557777\"],\"post_call_webhook\":"
                + "{\"enabled\":true,\"url\":\"" + receiver.url("/hook") + "\",\"connector\":\"webhook\"},\"steps\":[{\"type\":\"webhook\",\"url\":\""
                + receiver.url("/route") + "\",\"wait_for_response\":true},{\"type\":\"forward\",\"destination\":\"+13055554567\"}]}");
        String down = hub.flow("+15735558888", receiver.url("/down"), "immediate");
        hub.put("/api/v1/call-flows/" + down, "{\"name\":\"Facebook leads\",\"tracking_numbers\":[\"+15735558888\"],\"post_call_webhook\":"
                + "{\"enabled\":true,\"url\":\"" + receiver.url("/down") + "\"}}");
        TestHub.Reply live = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.base() + "/api/v1/voice/inbound"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("From=%2B13055559876&To=%2B15735557777&CallSid=CA-live-1")));
        assertThat(live.status()).isEqualTo(200);
        String last = null;
        for (int i = 0; i < 12; i++) {
            last = hub.call("call-" + i, i % 3 == 0 ? "+15735558888" : "+15735557777").json().get("delivery_id").asText();
        }
        hub.post("/api/v1/calls", "{\"call_id\":\"CA-live-1\",\"tracking_number\":\"+15735557777\",\"caller_number\":\"+13055559876\",\"status\":\"completed\"}");
        hub.post("/api/v1/calls/call-1/analysis", "{\"ai_score\": 85, \"ai_category\": \"lead\", \"qualified_ai\": true}");
        hub.awaitAttempts(last, 1);
        Thread.sleep(300); // the last retries of the failing flow

        signIn(TestHub.KEY);
        d.get(hub.base() + "/");
        assertThat(d.findElements(By.cssSelector("svg.chart"))).hasSize(4);
        assertThat(d.findElement(By.id("hosts")).getText()).contains("127.0.0.1");
        Path health = browser.fullScreenshot("08-health", 1280);
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.copy(health, Path.of("target", "dashboard.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        browser.press(By.linkText("Calls"));
        assertThat(d.findElement(By.id("calls")).getText()).contains("call-1").contains("lead · 85").contains("webhook answered → forward forwarded");
        browser.fullScreenshot("09-calls", 1280);
        browser.press(By.linkText("CA-live-1"));
        assertThat(d.findElement(By.id("trace")).getText()).contains("answered").contains("forwarded");
        assertThat(d.findElement(By.id("call-deliveries")).getText()).contains("succeeded").contains("127.0.0.1");
        browser.fullScreenshot("10-call", 1280);

        d.get(hub.base() + "/flows/" + ads + "/sheets");
        assertThat(d.findElement(By.id("apps-script")).getText()).contains("function doPost(e)").contains("Google Ads");
        browser.fullScreenshot("11-sheets", 1280);

        // a phone: nothing wider than the screen, the editor and log still usable
        browser.size(390, 844);
        for (String path : List.of("/", "/flows", "/flows/" + ads, "/deliveries", "/calls", "/keys")) {
            d.get(hub.base() + path);
            long width = ((Number) d.executeScript("return document.documentElement.scrollWidth")).longValue();
            long viewport = ((Number) d.executeScript("return window.innerWidth")).longValue();
            assertThat(width).as("page width of " + path).isLessThanOrEqualTo(viewport);
        }
        d.get(hub.base() + "/flows/" + ads);
        browser.screenshot("12-phone-flow");
        d.get(hub.base() + "/");
        browser.screenshot("13-phone-health");
    }

    @Test
    void theKeyboardReachesTheNavigationAndTheSignInForm() {
        d.get(hub.base() + "/sign-in");
        WebElement key = d.switchTo().activeElement();
        assertThat(key.getAttribute("id")).isEqualTo("api-key"); // autofocus
        key.sendKeys(TestHub.KEY, Keys.ENTER);
        wait.until(ExpectedConditions.urlToBe(hub.base() + "/"));
        d.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(d.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        d.switchTo().activeElement().sendKeys(Keys.TAB);
        d.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(d.switchTo().activeElement().getText()).isEqualTo("Health");
        d.switchTo().activeElement().sendKeys(Keys.TAB);
        d.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlToBe(hub.base() + "/flows"));
    }

    private void assertNoAlert() {
        try {
            d.switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // markup from users and receivers stays text
        }
    }

    /** Every visible input, select and textarea has a label. */
    private void assertEveryInputLabelled() {
        Object unlabelled = d.executeScript("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(function (e) { return e.type !== 'hidden' && e.offsetParent !== null && (!e.labels || e.labels.length === 0)"
                + " && !e.getAttribute('aria-label'); }).map(function (e) { return e.name || e.id; })");
        assertThat((List<?>) unlabelled).isEmpty();
    }

}
