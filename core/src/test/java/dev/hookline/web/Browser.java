package dev.hookline.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through the system's chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}; CI installs them). Missing either is a test failure that says so,
 * never a silent skip. Screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("hookline.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("hookline.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** How long a page or element is waited for: generous, for a loaded CI machine. */
    static final Duration WAIT = Duration.ofSeconds(15);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new AssertionError("the dashboard's browser tests need Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": install them with `apt-get install -y chromium chromium-driver` (.ci/run does this)");
        }
        try {
            Path profile = Files.createTempDirectory("hookline-chromium");
            ChromeOptions o = new ChromeOptions();
            o.setBinary(CHROMIUM.toFile());
            o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-extensions",
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver d = new ChromeDriver(service, o);
            d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(d, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Writes a PNG of the current page to {@code target/screenshots/name.png}; returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path out = SCREENSHOTS.resolve(name + ".png");
            Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A screenshot of the whole page height (resizes the window to fit, then back). */
    Path fullScreenshot(String name, int width) {
        Object h = driver.executeScript("return document.documentElement.scrollHeight");
        int height = Math.min(4000, ((Number) h).intValue());
        Dimension before = driver.manage().window().getSize();
        size(width, height + 120);
        driver.executeScript("window.scrollTo(0, 0)");
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /**
     * Clicks a button that posts the page's form and waits for the page that comes back: the old
     * document marked before the click, so the wait ends only on a new, fully loaded document.
     * Chromium reports a node of the departing page as "does not belong to the document" rather
     * than stale, so the wait reads a mark on the window instead of probing an old element.
     */
    void press(By button) {
        driver.executeScript("window.hooklineLeft = true");
        driver.findElement(button).click();
        new WebDriverWait(driver, WAIT).ignoring(WebDriverException.class).until(x -> Boolean.TRUE.equals(
                driver.executeScript("return !window.hooklineLeft && document.readyState === 'complete'")));
    }

    /** An element of the current page; when it is missing, the failure says which page came back and what it said. */
    WebElement find(By by) {
        try {
            return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(by));
        } catch (TimeoutException e) {
            screenshot("missing-element");
            List<WebElement> main = driver.findElements(By.id("main"));
            String text = main.isEmpty() ? driver.getPageSource() : main.get(0).getText();
            throw new AssertionError("no " + by + " on " + driver.getCurrentUrl() + " (\"" + driver.getTitle() + "\"): "
                    + text.substring(0, Math.min(2000, text.length())), e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
