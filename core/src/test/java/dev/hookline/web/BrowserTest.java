package dev.hookline.web;

import dev.hookline.testing.TestHub;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What every dashboard browser test shares: one Chromium per test class, a hub per test, and signing in. */
abstract class BrowserTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static Browser browser;
    static ChromeDriver d;

    @TempDir Path dir;
    TestHub hub;
    WebDriverWait wait;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
        d = browser.driver;
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) browser.close();
    }

    /** No cookies, desktop size, waits of {@link #WAIT}: each test starts from the same browser. */
    void freshBrowser() {
        wait = new WebDriverWait(d, WAIT);
        d.manage().deleteAllCookies();
        browser.size(1280, 900);
    }

    void signIn(String key) {
        d.manage().deleteAllCookies();
        d.get(hub.base() + "/sign-in");
        d.findElement(By.id("api-key")).sendKeys(key);
        browser.press(By.cssSelector("form[action='/sign-in'] button[type=submit]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }
}
