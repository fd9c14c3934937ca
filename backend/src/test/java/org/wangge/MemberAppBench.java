package org.wangge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The phone app's figures (BENCHMARKS.md, "Phone app"): NOT a test (no assertions, not matched by
 * the failsafe includes); run it alone:
 *
 * <pre>
 * scripts/test -pl backend -am -Dit.test=MemberAppBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <ol>
 *   <li>the app shell's size: every file the service worker caches at install (its SHELL list),
 *       as served and gzipped (level 6);
 *   <li>time to the first usable screen (performance mark {@code m-usable}: the sign-in form, or
 *       the task list for a remembered device) in a 390×844 phone on a throttled network
 *       (Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up) with a 4×
 *       slower CPU (Emulation.setCPUThrottlingRate): a first visit with nothing cached, and a
 *       returning member (device remembered, service worker installed);
 *   <li>dispatch → phone: the city operator's {@code DISPATCH} over HTTP to member-grid1 until the
 *       task's row is in the open app's list (a MutationObserver's timestamp), over N dispatches.
 * </ol>
 * Writes {@code target/bench-phone.json} and prints a summary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = EmbeddedDatabase.class)
class MemberAppBench extends BrowserPage {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int DISPATCHES = Integer.getInteger("bench.dispatches", 40);
  private static final int RUNS = Integer.getInteger("bench.runs", 3);

  @Autowired JdbcTemplate jdbc;

  private final Map<String, Object> results = new LinkedHashMap<>();

  private Object cdp(String command, Map<String, Object> params) {
    return browser.executeCdpCommand(command, params);
  }

  private void phone() {
    cdp("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
    cdp("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    cdp("Browser.grantPermissions", Map.of("origin", url(""), "permissions", List.of("geolocation")));
    Coordinate at = insideGrid(gridOf("member-grid1"));
    cdp("Emulation.setGeolocationOverride", Map.of("latitude", at.y, "longitude", at.x, "accuracy", 15));
  }

  private void throttle(boolean on) {
    cdp("Network.enable", Map.of());
    cdp("Network.emulateNetworkConditions", on
        ? Map.of("offline", false, "latency", 150, "downloadThroughput", 1_600_000 / 8, "uploadThroughput", 750_000 / 8)
        : Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    cdp("Emulation.setCPUThrottlingRate", Map.of("rate", on ? 4 : 1));
  }

  private String gridOf(String username) {
    return JSON.readTree(Api.as(port, username).get("/api/me").body()).get("jurisdiction").get("code").asString();
  }

  private Coordinate insideGrid(String code) {
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, code);
    try {
      return new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private double usableMs() {
    waitUpTo(120).until(d -> ((Number) js("return performance.getEntriesByName('m-usable').length")).intValue() > 0);
    return ((Number) js("return performance.getEntriesByName('m-usable')[0].startTime")).doubleValue();
  }

  @Test
  void measure() throws Exception {
    shellSize();
    firstUsableScreen();
    dispatchToPhone();
    phoneToDesk();
    Path out = Path.of("target", "bench-phone.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    System.out.println("PHONE BENCH " + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
  }

  private void shellSize() throws Exception {
    String sw = HTTP.send(HttpRequest.newBuilder(URI.create(url("/m/sw.js"))).build(), HttpResponse.BodyHandlers.ofString()).body();
    var m = Pattern.compile("const SHELL = \\[(.*?)\\];", Pattern.DOTALL).matcher(sw);
    if (!m.find()) throw new IllegalStateException("no SHELL list in sw.js");
    List<String> files = new ArrayList<>();
    var each = Pattern.compile("'([^']+)'").matcher(m.group(1));
    while (each.find()) files.add(each.group(1));
    files.add("/m/sw.js");
    files.add("/vendor/workbox-sw/build/workbox-sw.js");
    for (String module : List.of("core", "routing", "strategies", "expiration", "cacheable-response")) {
      files.add("/vendor/workbox-" + module + "/build/workbox-" + module + ".prod.js");
    }
    long raw = 0;
    long gzipped = 0;
    Map<String, Long> byFile = new LinkedHashMap<>();
    for (String file : files) {
      var response = HTTP.send(HttpRequest.newBuilder(URI.create(url(file))).build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) throw new IllegalStateException(file + " → " + response.statusCode());
      byte[] body = response.body();
      var zipped = new ByteArrayOutputStream();
      try (var gz = new GZIPOutputStream(zipped)) {
        gz.write(body);
      }
      raw += body.length;
      gzipped += zipped.size();
      byFile.put(file, (long) zipped.size());
    }
    results.put("shellFiles", files.size());
    results.put("shellBytes", raw);
    results.put("shellGzippedBytes", gzipped);
    results.put("shellGzippedByFile", byFile);
  }

  private void firstUsableScreen() {
    List<Double> first = new ArrayList<>();
    List<Double> returning = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      browser.get(url("/login.html"));
      cdp("Storage.clearDataForOrigin", Map.of("origin", url(""), "storageTypes", "all"));
      cdp("Network.clearBrowserCache", Map.of());
      browser.manage().deleteAllCookies();
      phone();
      throttle(true);
      browser.get(url("/m/"));
      first.add(usableMs());
      // Sign in (unthrottled), let the service worker install, then come back as a returning member.
      throttle(false);
      waitUpTo(30).until(d -> d.findElement(By.id("signin-username")).isDisplayed());
      browser.findElement(By.id("signin-username")).sendKeys("member-grid1");
      browser.findElement(By.id("signin-password")).sendKeys(Api.DEMO_PASSWORD);
      browser.findElement(By.id("signin-submit")).click();
      waitUpTo(60).until(d -> d.findElement(By.id("m-tabs")).isDisplayed());
      waitUpTo(60).until(d -> Boolean.TRUE.equals(js("return navigator.serviceWorker.controller != null || null")) || swReady());
      browser.get(url("/login.html"));
      throttle(true);
      browser.get(url("/m/"));
      returning.add(usableMs());
      throttle(false);
    }
    results.put("firstVisitUsableMs", first);
    results.put("returningMemberUsableMs", returning);
  }

  private boolean swReady() {
    Object ready = browser.executeAsyncScript(
        "const done = arguments[0]; navigator.serviceWorker.getRegistration('/m/').then((r) => done(Boolean(r && r.active)));");
    return Boolean.TRUE.equals(ready);
  }

  private void dispatchToPhone() throws Exception {
    browser.get(url("/m/"));
    waitUpTo(60).until(d -> d.findElement(By.id("m-tabs")).isDisplayed());
    waitUpTo(30).until(d -> "online".equals(d.findElement(By.id("m-net")).getDomAttribute("data-state")));
    js("""
        window.__seen = {};
        const look = () => {
          const present = new Set([...document.querySelectorAll('#tasks .m-task')].map((row) => row.dataset.id));
          present.forEach((id) => { window.__seen[id] ??= Date.now(); });
          Object.keys(window.__seen).forEach((id) => { if (!present.has(id)) delete window.__seen[id]; });
        };
        new MutationObserver(look).observe(document.getElementById('tasks'), { childList: true, subtree: true });
        look();
        """);
    String member = JSON.readTree(Api.as(port, "member-grid1").get("/api/me").body()).get("memberCode").asString();
    String other = JSON.readTree(Api.as(port, "member-grid2").get("/api/me").body()).get("memberCode").asString();
    Coordinate inside = insideGrid(gridOf("member-grid1"));
    String category = jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    var operator = Api.as(port, "operator-city");
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < DISPATCHES; i++) {
      var created = operator.post("/api/incidents", JSON.writeValueAsString(Map.of(
          "lon", inside.x, "lat", inside.y, "categoryCode", category, "description", "派遣延迟测量 " + i, "source", "HOTLINE")));
      JsonNode incident = JSON.readTree(created.body());
      String id = String.valueOf(incident.get("id").asLong());
      // Routing may have given it to member-grid1 already: hand it to another member first, and
      // wait until it has left the phone's list.
      operator.post("/api/incidents/" + id + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + other + "\"}");
      waitUpTo(30).until(d -> js("return window.__seen[arguments[0]] || null", id) == null);
      long before = System.currentTimeMillis();
      var dispatched = operator.post("/api/incidents/" + id + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member + "\"}");
      if (dispatched.statusCode() != 200) throw new IllegalStateException(dispatched.body());
      waitUpTo(30).until(d -> js("return window.__seen[arguments[0]] || null", id) != null);
      long seen = ((Number) js("return window.__seen[arguments[0]]", id)).longValue();
      latencies.add(seen - before);
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    results.put("dispatches", latencies.size());
    results.put("dispatchToPhoneMedianMs", sorted.get(sorted.size() / 2));
    results.put("dispatchToPhoneP99Ms", sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
    results.put("dispatchToPhoneMaxMs", sorted.getLast());
    results.put("dispatchToPhoneMs", latencies);
  }

  /**
   * phone → desk: member-grid1's report, sent as the app sends it ({@code POST /api/incidents},
   * source PATROL, with an Idempotency-Key), until the city operator's live feed ({@code /api/live},
   * the stream the desk map and the wall draw from) delivers its change; over N reports. The desk's
   * own drawing after the event is not included.
   */
  private void phoneToDesk() throws Exception {
    Map<Long, Long> delivered = new java.util.concurrent.ConcurrentHashMap<>();
    var stream =
        HTTP.sendAsync(
            Api.as(port, "operator-city").request("/api/live").header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofLines());
    var reader =
        stream.thenAccept(
            response ->
                response.body().forEach(line -> {
                  if (line.startsWith("data:")) {
                    JsonNode change = JSON.readTree(line.substring(5).trim());
                    if (change.has("incidentId")) {
                      delivered.putIfAbsent(change.get("incidentId").asLong(), System.currentTimeMillis());
                    }
                  }
                }));
    Coordinate inside = insideGrid(gridOf("member-grid1"));
    String category = jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    var member = Api.as(port, "member-grid1");
    // The stream is open once a first report comes through it.
    long warmUp = JSON.readTree(member.post("/api/incidents", JSON.writeValueAsString(Map.of(
        "lon", inside.x, "lat", inside.y, "categoryCode", category, "description", "上报延迟测量 预热", "source", "PATROL"))).body())
        .get("id").asLong();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> delivered.containsKey(warmUp));
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < DISPATCHES; i++) {
      long before = System.currentTimeMillis();
      var created = member.post("/api/incidents", JSON.writeValueAsString(Map.of(
          "lon", inside.x, "lat", inside.y, "categoryCode", category, "description", "上报延迟测量 " + i, "source", "PATROL")),
          Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
      if (created.statusCode() != 201) throw new IllegalStateException(created.body());
      long id = JSON.readTree(created.body()).get("id").asLong();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(5))
          .until(() -> delivered.containsKey(id));
      latencies.add(delivered.get(id) - before);
    }
    stream.cancel(true);
    reader.cancel(true);
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    results.put("reports", latencies.size());
    results.put("phoneToDeskMedianMs", sorted.get(sorted.size() / 2));
    results.put("phoneToDeskP99Ms", sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
    results.put("phoneToDeskMaxMs", sorted.getLast());
    results.put("phoneToDeskMs", latencies);
  }
}
