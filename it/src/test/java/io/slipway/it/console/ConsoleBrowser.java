package io.slipway.it.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through its chromedriver, for the console's tests. Both
 * binaries are named explicitly so that Selenium never runs Selenium Manager (which would
 * download a driver or a browser); the browser's proxy is a closed loopback port, so nothing but
 * loopback (which Chromium never proxies) is reached. Each browser has a fresh profile under
 * {@code target/}. Where Chromium or chromedriver is missing, a test is skipped on a developer's
 * machine and fails under CI=true, as with the other real clients.
 */
public final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The it module's build folder (tests run in the module's directory). */
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    static final Path SCREENSHOTS = TARGET.resolve("console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern IMPLICIT_FAVICON = Pattern.compile("https?://[^/]+/favicon\\.ico - .* 404 .*");

    private final Path profile;
    private final ChromeDriver driver;
    private final List<LogEntry> browserLog = new ArrayList<>();

    public ConsoleBrowser() {
        requireChromium();
        try {
            profile = Files.createTempDirectory(Files.createDirectories(TARGET.resolve("console-profiles")), "chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1440,1000",
                "--user-data-dir=" + profile,
                // loopback only: everything else goes to a proxy on a closed port
                "--proxy-server=http://127.0.0.1:9", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--no-first-run", "--no-default-browser-check");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withSilent(true).build();
        driver = new ChromeDriver(service, options);
    }

    /**
     * Skips the calling test where Chromium or chromedriver is missing, and fails it under CI=true
     * (scripts/test installs both there).
     */
    public static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                    + ") are not installed, and CI=true requires them");
        }
        Assumptions.assumeTrue(present, "chromium or chromedriver is not installed (apt-get install chromium chromium-driver)");
    }

    public void open(String url) {
        driver.get(url);
    }

    /** The first element matching {@code css} once it is visible, waiting up to 15 s. */
    public WebElement waitFor(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** The first element matching {@code css} once its text contains {@code text}, waiting up to 15 s. */
    public WebElement waitForText(String css, String text) {
        By by = By.cssSelector(css);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /**
     * Clicks the element matching {@code css} once it is clickable. The console redraws a view when
     * its data changes, so an element found a moment ago may be gone: then the new one is clicked.
     */
    public void click(String css) {
        By by = By.cssSelector(css);
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return false;
            }
            element.click();
            return true;
        });
    }

    /** Runs {@code script} in the page and returns what it returns. */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Saves the whole page (up to 3,000 pixels tall), not only the window, as
     * {@code target/console-screenshots/<name>.png} and returns the file.
     */
    public Path screenshot(String name) {
        return screenshot(name, 1);
    }

    /** As {@link #screenshot(String)}, drawn at {@code scale} (the README's small copies). */
    public Path screenshot(String name, double scale) {
        try {
            Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
            long width = size.get("width").longValue();
            long height = Math.min(3000, size.get("height").longValue());
            // a window as tall as the page, so what sticks to the window's bottom ends the picture
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", false));
            try {
                Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                        "clip", Map.of("x", 0, "y", 0, "scale", scale, "width", width, "height", height)));
                return Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            } finally {
                driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the page see {@code prefers-color-scheme: dark} (or light) from now on. */
    public void prefersDark(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /**
     * The browser console's SEVERE entries (JavaScript errors, failed loads) since the browser
     * started, as {@code level message} lines: a test asserts this is empty. Left out is the 404 of
     * {@code /favicon.ico}, which Chromium asks for by itself on a page that names no icon (a JSON
     * answer, say); a page's own failed loads all count.
     */
    public List<String> severeConsoleEntries() {
        browserLog.addAll(driver.manage().logs().get(LogType.BROWSER).getAll()); // each read drains the browser's log
        return browserLog.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !IMPLICIT_FAVICON.matcher(e.getMessage()).matches())
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    /** The underlying driver, for what the methods here do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a profile left behind stays under target/, which a clean build removes
            }
        }
    }
}
