package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.exchange.ImportDatabase;
import org.wangge.spatial.Wgs84;

/**
 * The data exchange page in headless Chromium, on a database of its own (imports change grids):
 * the admin uploads a CSV of two new grids with WKT (a CSV cannot say its coordinate system, so
 * the page asks), maps the fields, dry-runs, sees the bowtie grid blocked as an invalid geometry,
 * ticks repair, dry-runs again, switches to English and commits; the grids are then in the
 * database. The command map links to the page for admins and planners only; the console stays
 * clean. Screenshot: {@code target/screenshots/exchange.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = ImportDatabase.class)
class ExchangePageIT extends BrowserPage {

  /** The desk pages are tested at a desk's 1600×1000. */
  @org.junit.jupiter.api.BeforeAll
  void deskViewport() {
    viewport(1600, 1000);
  }

  private static final String COMMUNITY = "360502001001";
  private static final String SQUARE = COMMUNITY + "901";
  private static final String BOWTIE = COMMUNITY + "902";

  @Autowired JdbcTemplate jdbc;

  private void open(String username) {
    browser.get(url("/login.html"));
    chromium.consoleErrors();
    chromium.signIn(url("/exchange.html"), username, Api.DEMO_PASSWORD);
    if (!browser.getCurrentUrl().contains("/exchange.html")) {
      browser.get(url("/exchange.html"));
    }
    waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
  }

  private String status() {
    return browser.findElement(By.tagName("html")).getDomAttribute("data-import-status");
  }

  /** Two small grids inside the demo community: a square, and a bowtie (self-intersecting). */
  private Path csv() throws IOException, org.locationtech.jts.io.ParseException {
    byte[] wkb =
        jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, COMMUNITY);
    Coordinate c = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    double d = 0.0002;
    String square = polygon(c.x - 3 * d, c.y - d, c.x - d, c.y - d, c.x - d, c.y + d, c.x - 3 * d, c.y + d);
    String bowtie = polygon(c.x + d, c.y - d, c.x + 3 * d, c.y + d, c.x + 3 * d, c.y - d, c.x + d, c.y + d);
    Path file = Files.createTempDirectory(Path.of("target"), "exchange-page-").resolve("grids.csv").toAbsolutePath();
    Files.writeString(
        file,
        "code,name,parent,wkt\n"
            + SQUARE + ",测试网格甲," + COMMUNITY + ",\"" + square + "\"\n"
            + BOWTIE + ",测试网格乙," + COMMUNITY + ",\"" + bowtie + "\"\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private static String polygon(double... xy) {
    var wkt = new StringBuilder("POLYGON((");
    for (int i = 0; i < xy.length; i += 2) {
      wkt.append(String.format(Locale.ROOT, "%.8f %.8f, ", xy[i], xy[i + 1]));
    }
    return wkt.append(String.format(Locale.ROOT, "%.8f %.8f))", xy[0], xy[1])).toString();
  }

  /** Clicks "dry run" and waits for the new report (the old one is forgotten first). */
  private void dryRunAndWait() {
    js("window.wangge.view.dryRun = null");
    browser.findElement(By.id("dry-run")).click();
    waitUpTo(120).until(d -> "CHECKED".equals(status()) && Boolean.TRUE.equals(js("return !!window.wangge.view.dryRun"))
        && browser.findElement(By.id("dry-run")).isEnabled());
  }

  @Test
  void anAdminChecksGridsFromACsvAskingForItsCoordinateSystemRepairingABowtieAndSeeingOverlapsBlock() throws Exception {
    Path file = csv();
    open("admin");
    browser.findElement(By.id("file")).sendKeys(file.toString());
    browser.findElement(By.id("upload")).click();
    waitUpTo(60).until(d -> "UPLOADED".equals(status()));
    assertThat(browser.findElement(By.id("progress-box")).isDisplayed()).as("progress bar").isTrue();
    WebElement layer = browser.findElement(By.cssSelector("#layers .ex-layer"));
    assertThat(layer.findElement(By.cssSelector(".ex-layer-info")).getText()).contains("2");

    // The CSV cannot say its coordinate system: the page asks, shows why, and sends nothing until chosen.
    Select crs = new Select(layer.findElement(By.cssSelector(".layer-crs")));
    assertThat(crs.getFirstSelectedOption().getDomAttribute("value")).isEmpty();
    assertThat(layer.findElements(By.cssSelector(".ex-crs-note"))).isNotEmpty();
    browser.findElement(By.id("dry-run")).click();
    assertThat(layer.findElement(By.cssSelector(".layer-crs")).getDomAttribute("class")).contains("invalid");
    assertThat(status()).isEqualTo("UPLOADED");
    assertThat(crs.getOptions().size()).isGreaterThan(60);
    crs.selectByValue("EPSG:4326");

    new Select(layer.findElement(By.cssSelector(".layer-kind"))).selectByValue("AREA");
    new Select(layer.findElement(By.cssSelector(".layer-level"))).selectByValue("GRID");
    // Samples are shown with the fields; the suggestion already mapped code, name and parent.
    Select code = new Select(layer.findElement(By.cssSelector(".ex-mapping select[data-key='code']")));
    assertThat(code.getFirstSelectedOption().getText()).startsWith("code").contains(SQUARE);
    new Select(layer.findElement(By.cssSelector(".ex-mapping select[data-key='name']"))).selectByValue("name");
    new Select(layer.findElement(By.cssSelector(".ex-mapping select[data-key='parentCode']"))).selectByValue("parent");

    dryRunAndWait();
    List<WebElement> invalid = browser.findElements(By.cssSelector("#problems tr.problem-row[data-kind='INVALID_GEOMETRY']"));
    assertThat(invalid).hasSize(1);
    assertThat(invalid.getFirst().getDomAttribute("class")).contains("blocking");
    assertThat(invalid.getFirst().getText()).contains(BOWTIE);
    assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-committable")).isEqualTo("false");
    assertThat(browser.findElements(By.cssSelector("#blocking li"))).isNotEmpty();
    assertThat(browser.findElement(By.id("commit")).isEnabled()).isFalse();
    // A click on the problem zooms the map to it.
    long zoomBefore = ((Number) js("return window.wangge.map.getZoom()")).longValue();
    invalid.getFirst().click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("html")).getDomAttribute("data-focused") != null);
    waitUpTo(10).until(d -> ((Number) js("return window.wangge.map.getZoom()")).longValue() >= zoomBefore);
    assertThat(((Number) js("let n = 0; window.wangge.map.eachLayer(() => n++); return n")).longValue()).isGreaterThan(3);
    // The problem table sorts by a column on click.
    browser.findElement(By.cssSelector("#problems .sort[data-sort='code']")).click();
    assertThat(browser.findElement(By.cssSelector("#problems th:nth-child(4)")).getDomAttribute("aria-sort")).isEqualTo("ascending");

    browser.findElement(By.id("repair")).click();
    dryRunAndWait();
    assertThat(browser.findElements(By.cssSelector("#problems tr.problem-row[data-kind='INVALID_GEOMETRY']"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#problems tr.problem-row[data-kind='REPAIRED']"))).hasSize(1);
    assertThat(browser.findElement(By.cssSelector("td[data-count='repaired']")).getText()).isEqualTo("1");
    // Both grids lie on top of the community's stored grids: the rule that stops a plan from being
    // published (an overlap of HIGH or MEDIUM severity) stops the import too, and the page says so.
    List<WebElement> overlaps = browser.findElements(By.cssSelector("#problems tr.problem-row[data-kind='OVERLAP']"));
    assertThat(overlaps).isNotEmpty();
    assertThat(overlaps.getFirst().getDomAttribute("class")).contains("blocking");
    assertThat(browser.findElement(By.id("verdict")).getDomAttribute("data-committable")).isEqualTo("false");
    assertThat(browser.findElement(By.id("commit")).isEnabled()).isFalse();

    browser.findElement(By.id("lang-toggle")).click();
    waitUpTo(10).until(d -> d.findElement(By.tagName("h1")).getText().equals("Data exchange"));
    assertThat(browser.findElement(By.id("commit")).getText()).isEqualTo("Commit");
    assertThat(new Select(browser.findElement(By.cssSelector(".layer-crs"))).getFirstSelectedOption().getDomAttribute("value"))
        .as("choices survive the language switch").isEqualTo("EPSG:4326");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM area WHERE code IN (?, ?)", Long.class, SQUARE, BOWTIE))
        .as("nothing was imported").isZero();
    screenshot("exchange.png");

    // The export form builds its link from the choices.
    new Select(browser.findElement(By.id("export-format"))).selectByValue("geopackage");
    new Select(browser.findElement(By.id("export-crs"))).selectByValue("EPSG:4547");
    String href = browser.findElement(By.id("export-link")).getDomAttribute("href");
    assertThat(href).startsWith("/api/exports?area=").contains("format=geopackage").contains("crs=EPSG%3A4547").contains("layers=");
    assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
  }

  @Test
  void theCommandMapLinksToThePageForPlannersAndAdminsOnly() {
    for (String user : List.of("planner-district", "operator-district")) {
      browser.get(url("/login.html"));
      chromium.consoleErrors();
      chromium.signIn(url("/"), user, Api.DEMO_PASSWORD);
      waitUpTo(60).until(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")));
      // The top bar (nav.js) lists only the pages the role may open.
      List<WebElement> links = browser.findElements(By.id("exchange-link"));
      if (user.startsWith("planner")) {
        assertThat(links).hasSize(1);
        assertThat(links.getFirst().isDisplayed()).isTrue();
        assertThat(links.getFirst().getDomAttribute("href")).isEqualTo("/exchange.html");
      } else {
        assertThat(links).as(user).isEmpty();
      }
      assertThat(chromium.consoleErrors()).as("browser console errors").isEmpty();
      browser.manage().deleteAllCookies();
    }
  }
}
