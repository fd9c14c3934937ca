package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the page tests (Debian's {@code chromium} and {@code chromium-driver}, or
 * {@code WANGGE_TEST_CHROMIUM} / {@code WANGGE_TEST_CHROMEDRIVER}), with a throw-away profile and
 * the browser console captured. Also used by the map speed benchmark (map.MapSpeedBench).
 */
public final class HeadlessChromium implements AutoCloseable {

  public final ChromeDriver driver;
  private final Path profile;

  public HeadlessChromium() throws IOException {
    String chromium = System.getenv().getOrDefault("WANGGE_TEST_CHROMIUM", "/usr/bin/chromium");
    String chromedriver =
        System.getenv().getOrDefault("WANGGE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
    assertThat(new File(chromium)).as("Chromium (Debian package chromium; scripts/test installs it)").canRead();
    assertThat(new File(chromedriver)).as("ChromeDriver (Debian package chromium-driver)").canRead();
    profile = Files.createTempDirectory("wangge-chromium-");
    var options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    var logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver)).build();
    driver = new ChromeDriver(service, options);
  }

  /**
   * Opens a page without a session (so it must send the browser to the login page) and signs in
   * through the login form (which carries the CSRF token), as a user would; returns once the
   * browser has left the login page.
   */
  public void signIn(String url, String username, String password) {
    driver.manage().deleteAllCookies();
    driver.get(url);
    var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    wait.until(d -> d.getCurrentUrl().contains("/login"));
    wait.until(d -> !d.findElements(By.id("login-form")).isEmpty());
    // A new user at this browser starts in the default language (a test that switched to English
    // and failed half-way must not leave the next test's pages in English).
    driver.executeScript("window.localStorage.removeItem('wangge.lang')");
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("login-submit")).click();
    wait.until(d -> !d.getCurrentUrl().contains("/login"));
  }

  /**
   * The console's errors since the last call (reading the log empties it). Chromium logs
   * Content-Security-Policy violations as errors, and error answers to fetch() too.
   */
  public List<LogEntry> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .toList();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
