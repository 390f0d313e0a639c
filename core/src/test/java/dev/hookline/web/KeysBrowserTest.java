package dev.hookline.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.delivery.Signer;
import dev.hookline.testing.Receiver;
import dev.hookline.testing.Receiver.Answer;
import dev.hookline.testing.TestHub;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The API keys page and the flow page's "Rotate signing secret" button, in headless Chromium
 * against a real hub: a secret is shown once and is the real one (the key works on the API, the
 * rotated secret signs what a loopback receiver gets), the last key is refused, and a form
 * without its CSRF token changes nothing.
 */
class KeysBrowserTest extends BrowserTest {

    @BeforeEach
    void start() {
        hub = TestHub.start(dir);
        freshBrowser();
        signIn(TestHub.KEY);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void aKeyIsShownOnceWorksOnTheApiAndIsRevokedButTheLastOneIsRefused() {
        d.findElement(By.linkText("API keys")).click();
        List<WebElement> rows = d.findElements(By.cssSelector("#keys tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(TestHub.KEY.substring(0, 8)).doesNotContain(TestHub.KEY).doesNotContain("never");

        browser.press(By.cssSelector("#keys tbody tr button"));
        assertThat(browser.find(By.id("key-error")).getText()).contains("last API key");
        assertThat(hub.get("/api/v1/api-keys").json().get("data")).hasSize(1);

        browser.press(By.id("create-key")); // no name
        assertThat(browser.find(By.id("k-name-err")).getText()).contains("name");
        d.findElement(By.id("k-name")).sendKeys("CRM sync <b>bold</b>");
        browser.press(By.id("create-key"));
        String key = browser.find(By.id("new-key-value")).getText();
        assertThat(d.findElement(By.id("new-key-h")).getText()).isEqualTo("New key \u201cCRM sync <b>bold</b>\u201d");
        WebElement copy = d.findElement(By.cssSelector("#new-key button.copy"));
        copy.click();
        wait.until(ExpectedConditions.textToBePresentInElement(copy, "Copied"));
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(200);
        String id = hub.get("/api/v1/api-keys").json().at("/data/1/id").asText();
        assertThat(d.findElement(By.cssSelector("tr[data-key='" + id + "']")).getText()).contains(key.substring(0, 8)).contains("CRM sync");
        browser.fullScreenshot("30-api-keys", 1280);
        d.navigate().refresh(); // shown once
        assertThat(d.findElements(By.id("new-key"))).isEmpty();
        assertThat(d.getPageSource()).doesNotContain(key);

        // a revoke without the session's token is refused and changes nothing
        d.executeScript("document.querySelectorAll('input[name=csrf]').forEach(function (e) { e.remove(); })");
        d.findElement(By.cssSelector("tr[data-key='" + id + "'] button")).click();
        assertThat(browser.find(By.id("error-message")).getText()).contains("Nothing was changed");
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(200);

        d.get(hub.base() + "/keys");
        browser.press(By.cssSelector("tr[data-key='" + id + "'] button"));
        assertThat(browser.find(By.cssSelector(".flash.ok")).getText()).contains("Revoked");
        assertThat(d.findElements(By.cssSelector("#keys tbody tr"))).hasSize(1);
        assertThat(hub.as(key).get("/api/v1/call-flows").status()).isEqualTo(401);
    }

    @Test
    void rotatingTheSigningSecretShowsTheNewOneOnceAndItSignsTheNextDelivery() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.answer(r -> Answer.ok("ok"));
            TestHub.Reply created = hub.post("/api/v1/call-flows", "{\"name\":\"Rotated\",\"tracking_numbers\":[\"+15735550701\"],"
                    + "\"post_call_webhook\":{\"enabled\":true,\"url\":\"" + receiver.url("/hook") + "\"}}");
            String flowId = created.json().get("id").asText();
            String old = created.json().at("/post_call_webhook/signing_secret").asText();
            d.get(hub.base() + "/flows/" + flowId);
            String maskedBefore = d.findElement(By.id("secret-masked")).getText();

            // without the session's token: refused, the secret unchanged
            d.executeScript("document.querySelector('#rotate-form input[name=csrf]').remove()");
            d.findElement(By.id("rotate-secret")).click();
            assertThat(browser.find(By.id("error-message")).getText()).contains("Nothing was changed");
            d.get(hub.base() + "/flows/" + flowId);
            assertThat(d.findElement(By.id("secret-masked")).getText()).isEqualTo(maskedBefore);

            browser.press(By.id("rotate-secret"));
            String secret = browser.find(By.id("secret-value")).getText();
            assertThat(secret).startsWith("whsec_").isNotEqualTo(old);
            assertThat(d.findElement(By.cssSelector(".flash.ok")).getText()).contains("previous one keeps signing");
            assertThat(d.findElement(By.id("secret-masked")).getText()).isNotEqualTo(maskedBefore);
            browser.fullScreenshot("31-secret-rotated", 1280);

            d.findElement(By.id("test-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-status")));
            Receiver.Received got = receiver.next(WAIT);
            String id = got.header("webhook-id");
            long ts = Long.parseLong(got.header("webhook-timestamp"));
            assertThat(got.header("webhook-signature").split(" ")).as("the new secret first, the previous one beside it")
                    .containsExactly(Signer.sign(secret, id, ts, got.body()), Signer.sign(old, id, ts, got.body()));

            d.navigate().refresh();
            assertThat(d.findElements(By.id("new-secret"))).isEmpty();
            assertThat(d.getPageSource()).doesNotContain(secret);
        }
    }
}
