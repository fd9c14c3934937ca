package org.wangge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every page test in headless Chromium shares: one {@link HeadlessChromium} per test class
 * (started before the first test, closed after the last), the app's port, waits, scripts and the
 * screenshot directory. Subclasses add their own Spring test configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserPage {

  /** Where the page tests write their screenshots (backend/target/screenshots). */
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @Value("${local.server.port}")
  int port;

  HeadlessChromium chromium;
  ChromeDriver browser;

  @BeforeAll
  void startBrowser() throws IOException {
    chromium = new HeadlessChromium();
    browser = chromium.driver;
  }

  @AfterAll
  void stopBrowser() throws IOException {
    if (chromium != null) {
      chromium.close();
    }
  }

  /**
   * Sets the page's viewport (window.innerWidth × innerHeight) to exactly {@code width × height}, the
   * window's frame added; the desk pages are tested at 1600×1000.
   */
  void viewport(int width, int height) {
    long frameWidth = ((Number) js("return window.outerWidth - window.innerWidth")).longValue();
    long frameHeight = ((Number) js("return window.outerHeight - window.innerHeight")).longValue();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(width + (int) frameWidth, height + (int) frameHeight));
  }

  WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  Object js(String script, Object... args) {
    return browser.executeScript(script, args);
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>}. */
  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
