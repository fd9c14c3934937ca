package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The first map page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}),
 * against the app on the embedded database: it draws every grid, shows a grid's card on a click,
 * and logs no console errors.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapPageIT {

  @Value("${local.server.port}")
  int port;

  private HeadlessChromium chromium;
  private ChromeDriver browser;

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

  /** Signs in through the login form (the map sends a browser without a session there). */
  private void signIn(String username) {
    chromium.signIn("http://localhost:" + port + "/", username, Api.DEMO_PASSWORD);
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("map")).isEmpty());
  }

  @Test
  void aStreetOperatorSeesOnlyTheStreetsGrids() {
    signIn("operator-street");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(d -> d.findElement(By.id("map")).getDomAttribute("data-grid-count") != null);
    int grids = Integer.parseInt(browser.findElement(By.id("map")).getDomAttribute("data-grid-count"));
    assertThat(grids).isBetween(1, 799);
    assertThat(browser.findElements(By.cssSelector("#map path.leaflet-interactive"))).hasSize(grids);
    wait.until(d -> d.findElement(By.id("user-role")).getText().contains("指挥中心值班员"));
    assertNoConsoleErrors();
  }

  @Test
  void mapDrawsEveryGridAndShowsAGridCardOnClick() {
    signIn("operator-city");
    var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
    wait.until(d -> "800".equals(d.findElement(By.id("map")).getDomAttribute("data-grid-count")));

    // 800 grid polygons (interactive) are drawn, plus community outlines (not interactive).
    List<WebElement> gridPaths = browser.findElements(By.cssSelector("#map path.leaflet-interactive"));
    assertThat(gridPaths).hasSize(800);
    assertThat(browser.findElement(By.id("summary")).getText()).contains("800 个网格", "80 个社区");
    assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();

    // Click the grid under the centre of the map: its card shows its 15-digit code and its team.
    WebElement map = browser.findElement(By.id("map"));
    new Actions(browser).moveToElement(map).click().perform();
    wait.until(d -> !d.findElements(By.cssSelector(".leaflet-popup .grid-card dl")).isEmpty());
    String card = browser.findElement(By.cssSelector(".leaflet-popup .grid-card")).getText();
    assertThat(card).containsPattern("\\d{15}").contains("户数", "人口");
    assertThat(card).containsAnyOf("网格长", "专职网格员", "无人负责");

    assertNoConsoleErrors();
  }

  /** Also catches Content-Security-Policy violations, which Chromium logs as errors. */
  private void assertNoConsoleErrors() {
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }
}
