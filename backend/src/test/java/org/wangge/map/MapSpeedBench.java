package org.wangge.map;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wangge.HeadlessChromium;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speed of the command map measured in headless Chromium (issue 6, item 6), against a running
 * backend: {@code scripts/bench-map} starts one and runs this class on the test classpath. Not a
 * test: it prints a table and writes JSON (default {@code backend/target/bench-map.json}).
 *
 * <ol>
 *   <li><b>first view</b>: {@code /} (or {@code /?wall=1} with {@code --wall}) until {@code
 *       document.documentElement.dataset.ready === 'true'}; {@code window.wangge.timings.ready} and
 *       navigation start → load event; the first run with an empty browser cache, then warm runs.
 *   <li><b>pan and zoom</b>: a fixed sequence of moves of {@code window.wangge.map} (Leaflet), each
 *       until {@code moveend} and {@code window.wangge.tilesLoading() === 0}, with a
 *       requestAnimationFrame recorder: frame intervals and long tasks per step.
 *   <li><b>report → map</b>: {@code POST /api/incidents} with an API token of the user; the time
 *       from just before sending until {@code window.wangge.caseSeen(number)} (epoch ms when the
 *       case was drawn).
 * </ol>
 *
 * <p>The page hooks are issue 6's contract. A page without them (before issue 6) is measured
 * through marked fallbacks: "ready" is the moment {@code window.wangge} is assigned (main.js does
 * so once the grids are drawn), tiles loading counts as 0, and report → map is not measurable.
 *
 * <pre>
 * MapSpeedBench --url http://localhost:8080 [--user operator-city] [--password …]
 *   [--admin admin] [--admin-password …] [--wall] [--runs 5] [--reports 10]
 *   [--parts first,pan,live] [--label TEXT] [--out backend/target/bench-map.json]
 * </pre>
 */
public final class MapSpeedBench {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String DEMO_PASSWORD = "wangge-demo-2026";

  /** Longest wait for one move to settle (moveend and no tiles loading). */
  private static final long STEP_CAP_MS = 15_000;
  /** Longest wait for a reported case to be drawn. */
  private static final long LIVE_CAP_MS = 10_000;

  /**
   * Records, before any page script runs: requestAnimationFrame timestamps (window.__bench.frames),
   * long tasks, and — FALLBACK for pages before issue 6 — the moment window.wangge is assigned. The
   * accessor is transparent: the page reads and writes window.wangge as usual.
   */
  private static final String RECORDER =
      """
      (() => {
        const bench = (window.__bench = { frames: [], longTasks: [], wanggeAssignedAt: null });
        const loop = (t) => { bench.frames.push(t); requestAnimationFrame(loop); };
        requestAnimationFrame(loop);
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) bench.longTasks.push([e.startTime, e.duration]);
          }).observe({ type: 'longtask', buffered: true });
        } catch (e) { /* no long task timing */ }
        let value;
        Object.defineProperty(window, 'wangge', {
          configurable: true, enumerable: true,
          get() { return value; },
          set(v) { value = v; if (bench.wanggeAssignedAt === null) bench.wanggeAssignedAt = performance.now(); },
        });
      })();
      """;

  /** One of: "ready" (the contract), "fallback" (pre-issue-6 page) or null (not yet). */
  private static final String READY_STATE =
      """
      if (document.documentElement.dataset.ready === 'true') return 'ready';
      const w = window.wangge;
      if (w && w.map && !w.timings) return 'fallback';
      return null;
      """;

  private static final String FIRST_VIEW_FIGURES =
      """
      const nav = performance.getEntriesByType('navigation')[0];
      const w = window.wangge;
      const contract = arguments[0] === 'ready';
      return {
        ready: contract ? w.timings.ready : window.__bench.wanggeAssignedAt,
        load: nav ? nav.loadEventEnd : null,
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        responseEnd: nav ? nav.responseEnd : null,
        transferKb: performance.getEntriesByType('resource').reduce((s, r) => s + (r.transferSize || 0), 0) / 1024,
        requests: performance.getEntriesByType('resource').length,
      };
      """;

  /**
   * Runs one move of the map and answers once it has settled: the step's time, the frame intervals
   * that ended inside it and its long tasks. arguments[0]: the step; arguments[1]: the cap in ms.
   */
  private static final String STEP =
      """
      const [step, cap, done] = arguments;
      const w = window.wangge, map = w.map, bench = window.__bench;
      // FALLBACK for pages before issue 6 (no vector tiles): nothing is loading.
      const tilesLoading = typeof w.tilesLoading === 'function' ? () => w.tilesLoading() : () => 0;
      const city = bench.city;
      let started = false, ended = false;
      const onStart = () => { started = true; };
      const onEnd = () => { ended = true; };
      map.on('movestart', onStart);
      map.on('moveend', onEnd);
      const t0 = performance.now();
      // A move that changes nothing fires no movestart; an animated one fires it a frame later.
      let noop = false;
      switch (step.op) {
        case 'panBy': map.panBy([step.x, step.y]); break;
        case 'zoomIn': noop = map.getZoom() >= map.getMaxZoom(); map.zoomIn(1); break;
        case 'zoomOut': noop = map.getZoom() <= map.getMinZoom(); map.zoomOut(1); break;
        case 'setView': {
          const lat = city.south + (city.north - city.south) * step.fy;
          const lng = city.west + (city.east - city.west) * step.fx;
          const target = map.latLngToContainerPoint([lat, lng]), size = map.getSize();
          noop = map.getZoom() === step.zoom
            && Math.abs(target.x - size.x / 2) < 1 && Math.abs(target.y - size.y / 2) < 1;
          map.setView([lat, lng], step.zoom);
          break;
        }
        default: throw new Error('unknown step ' + step.op);
      }
      const finish = (timedOut) => {
        map.off('movestart', onStart);
        map.off('moveend', onEnd);
        // two more frames: the paint that follows the last change is part of the step
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const t1 = performance.now();
          const f = bench.frames, intervals = [];
          for (let i = 1; i < f.length; i++) if (f[i] > t0 && f[i] <= t1) intervals.push(f[i] - f[i - 1]);
          const tasks = bench.longTasks.filter(([s]) => s >= t0 && s <= t1).map(([, d]) => d);
          done({ ms: t1 - t0, intervals, longTasks: tasks, moved: started, timedOut,
                 zoom: map.getZoom(), tiles: tilesLoading() });
        }));
      };
      const check = () => {
        const now = performance.now();
        const settled = (ended || noop) && tilesLoading() === 0;
        if (settled) finish(false);
        else if (now - t0 > cap) finish(true);
        else setTimeout(check, 5);
      };
      setTimeout(check, 0);
      """;

  private static final String CASE_SEEN =
      """
      const [number, cap, done] = arguments;
      const t0 = performance.now();
      const poll = () => {
        const seen = window.wangge.caseSeen(number);
        // the page's clock (timeOrigin + now) against the wall clock, to correct a drift
        const skew = Date.now() - (performance.timeOrigin + performance.now());
        if (seen != null) done({ seen, skew });
        else if (performance.now() - t0 > cap) done({ seen: null, skew });
        else setTimeout(poll, 5);
      };
      poll();
      """;

  private final Options options;
  private final Map<String, Object> result = new LinkedHashMap<>();
  private ChromeDriver driver;

  private MapSpeedBench(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    // Selenium's notes on CDP versions would interleave with the table
    java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
    new MapSpeedBench(options).run();
  }

  private void run() throws Exception {
    result.put("label", options.label);
    result.put("url", options.url + options.path());
    result.put("user", options.user);
    result.put("date", Instant.now().toString());
    result.put("chromium", System.getenv().getOrDefault("WANGGE_TEST_CHROMIUM", "/usr/bin/chromium"));
    try (var browser = new HeadlessChromium()) {
      driver = browser.driver;
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
      browser.signIn(options.url + "/", options.user, options.password);
      @SuppressWarnings("unchecked")
      Map<String, Object> version = (Map<String, Object>) driver.executeCdpCommand("Browser.getVersion", Map.of());
      result.put("browser", version.get("product"));
      if (options.parts.contains("first")) {
        firstView();
      }
      if (options.parts.contains("pan")) {
        panAndZoom();
      }
      if (options.parts.contains("live")) {
        reportToMap();
      }
    }
    Path out = Path.of(options.out);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
    System.out.println();
    System.out.println("JSON written to " + out);
  }

  // --- a. first view ------------------------------------------------------------------------------

  private void firstView() {
    heading("First view of " + options.path() + " (" + options.runs + " runs: the first with an empty browser cache)");
    List<Map<String, Object>> runs = new ArrayList<>();
    System.out.printf("%-5s %-6s %-9s %12s %12s %12s %10s %9s%n",
        "run", "cache", "mode", "ready ms", "load ms", "DCL ms", "requests", "KiB");
    for (int i = 1; i <= options.runs; i++) {
      boolean cold = i == 1;
      driver.get("about:blank");
      if (cold) {
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
      }
      Map<String, Object> run = openMap();
      run.put("run", i);
      run.put("cache", cold ? "cold" : "warm");
      runs.add(run);
      System.out.printf(Locale.ROOT, "%-5d %-6s %-9s %12.0f %12.0f %12.0f %10d %9.0f%n",
          i, run.get("cache"), run.get("mode"), num(run.get("ready")), num(run.get("load")),
          num(run.get("domContentLoaded")), ((Number) run.get("requests")).intValue(), num(run.get("transferKb")));
    }
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("path", options.path());
    first.put("mode", runs.getFirst().get("mode"));
    first.put("runs", runs);
    first.put("readyMs", summary(runs.stream().map(r -> num(r.get("ready"))).toList()));
    first.put("loadMs", summary(runs.stream().map(r -> num(r.get("load"))).toList()));
    first.put("warmReadyMs", summary(runs.stream().skip(1).map(r -> num(r.get("ready"))).toList()));
    result.put("firstView", first);
    System.out.printf(Locale.ROOT, "ready (all runs): %s; load: %s; ready (warm runs): %s%n",
        line(first.get("readyMs")), line(first.get("loadMs")), line(first.get("warmReadyMs")));
    if ("fallback".equals(first.get("mode"))) {
      System.out.println("  FALLBACK: the page has no dataset.ready / wangge.timings (before issue 6): "
          + "'ready' is when main.js assigned window.wangge, after the grids were drawn.");
    }
  }

  /** Navigates to the map and waits until it is interactive; the page's own figures. */
  private Map<String, Object> openMap() {
    driver.get(options.url + options.path());
    var wait = new WebDriverWait(driver, Duration.ofSeconds(120));
    wait.pollingEvery(Duration.ofMillis(20));
    String mode = wait.until(d -> (String) js().executeScript(READY_STATE));
    @SuppressWarnings("unchecked")
    Map<String, Object> figures = (Map<String, Object>) js().executeScript(FIRST_VIEW_FIGURES, mode);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("mode", mode);
    run.putAll(figures);
    return run;
  }

  // --- b. pan and zoom ----------------------------------------------------------------------------

  private record Step(String name, Map<String, Object> args) {}

  private static Step pan(int x, int y) {
    return new Step("panBy " + x + "," + y, Map.of("op", "panBy", "x", x, "y", y));
  }

  private static Step zoom(boolean in) {
    return new Step(in ? "zoomIn" : "zoomOut", Map.of("op", in ? "zoomIn" : "zoomOut"));
  }

  /** Centre at a fraction of the first view's bounds (0,0 south-west; 1,1 north-east). */
  private static Step view(double fx, double fy, int zoom) {
    return new Step(
        String.format(Locale.ROOT, "setView %.2f,%.2f z%d", fx, fy, zoom),
        Map.of("op", "setView", "fx", fx, "fy", fy, "zoom", zoom));
  }

  /** 30 moves across the city at zooms 11 to 17. */
  static List<Step> sequence() {
    return List.of(
        view(0.5, 0.5, 11), zoom(true), pan(300, 0), pan(0, 300), pan(-300, 0), pan(0, -300),
        zoom(true), pan(300, 300), pan(-300, -300), view(0.25, 0.3, 14), zoom(true),
        pan(300, 0), pan(300, 0), pan(0, 300), view(0.7, 0.65, 16), view(0.72, 0.62, 17),
        pan(-300, 0), pan(0, -300), zoom(false), zoom(false), zoom(false), view(0.15, 0.85, 12),
        pan(300, -300), zoom(true), zoom(true), view(0.85, 0.2, 15), pan(-300, 300),
        zoom(false), zoom(false), view(0.5, 0.5, 11));
  }

  private void panAndZoom() {
    heading("Pan and zoom on " + options.path() + " (" + sequence().size() + " moves)");
    driver.get("about:blank");
    String mode = (String) openMap().get("mode");
    // the first view's bounds: the whole city (the map fits it)
    js().executeScript(
        "const b = window.wangge.map.getBounds();"
            + "window.__bench.city = { south: b.getSouth(), north: b.getNorth(), west: b.getWest(), east: b.getEast() };");
    boolean tiles = (Boolean) js().executeScript("return typeof window.wangge.tilesLoading === 'function'");
    System.out.printf("%-4s %-24s %4s %9s %7s %9s %9s %6s %6s %s%n",
        "#", "move", "zoom", "ms", "frames", "p95 ms", "max ms", ">50", ">100", "long tasks ms");
    List<Double> all = new ArrayList<>();
    List<Map<String, Object>> steps = new ArrayList<>();
    int n = 0;
    for (Step step : sequence()) {
      n++;
      @SuppressWarnings("unchecked")
      Map<String, Object> r = (Map<String, Object>) js().executeAsyncScript(STEP, step.args(), STEP_CAP_MS);
      @SuppressWarnings("unchecked")
      List<Number> raw = (List<Number>) r.get("intervals");
      List<Double> intervals = raw.stream().map(Number::doubleValue).toList();
      @SuppressWarnings("unchecked")
      List<Number> tasks = (List<Number>) r.get("longTasks");
      double taskMs = tasks.stream().mapToDouble(Number::doubleValue).sum();
      all.addAll(intervals);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("step", n);
      s.put("move", step.name());
      s.put("zoom", num(r.get("zoom")));
      s.put("ms", num(r.get("ms")));
      s.put("frames", intervals.size());
      s.put("p95FrameMs", percentile(intervals, 95));
      s.put("maxFrameMs", intervals.isEmpty() ? 0.0 : Collections.max(intervals));
      s.put("framesOver50Ms", intervals.stream().filter(v -> v > 50).count());
      s.put("framesOver100Ms", intervals.stream().filter(v -> v > 100).count());
      s.put("longTasks", tasks.size());
      s.put("longTaskMs", taskMs);
      s.put("moved", r.get("moved"));
      s.put("timedOut", r.get("timedOut"));
      steps.add(s);
      System.out.printf(Locale.ROOT, "%-4d %-24s %4.1f %9.0f %7d %9.1f %9.1f %6d %6d %.0f (%d)%s%n",
          n, step.name(), num(s.get("zoom")), num(s.get("ms")), intervals.size(), num(s.get("p95FrameMs")),
          num(s.get("maxFrameMs")), (Long) s.get("framesOver50Ms"), (Long) s.get("framesOver100Ms"),
          taskMs, tasks.size(), Boolean.TRUE.equals(r.get("timedOut")) ? "  TIMED OUT" : "");
    }
    Map<String, Object> slowest =
        steps.stream().max((a, b) -> Double.compare(num(a.get("ms")), num(b.get("ms")))).orElseThrow();
    Map<String, Object> pan = new LinkedHashMap<>();
    pan.put("path", options.path());
    pan.put("mode", mode);
    pan.put("tilesHook", tiles);
    pan.put("frames", all.size());
    pan.put("p50FrameMs", percentile(all, 50));
    pan.put("p95FrameMs", percentile(all, 95));
    pan.put("maxFrameMs", all.isEmpty() ? 0.0 : Collections.max(all));
    pan.put("framesOver50Ms", all.stream().filter(v -> v > 50).count());
    pan.put("framesOver100Ms", all.stream().filter(v -> v > 100).count());
    pan.put("totalMs", steps.stream().mapToDouble(s -> num(s.get("ms"))).sum());
    pan.put("slowestStep", slowest);
    pan.put("steps", steps);
    result.put("panZoom", pan);
    System.out.printf(Locale.ROOT,
        "frames %d: p50 %.1f ms, p95 %.1f ms, max %.1f ms; %d over 50 ms, %d over 100 ms; total %.0f ms; slowest: #%d %s (%.0f ms)%n",
        all.size(), num(pan.get("p50FrameMs")), num(pan.get("p95FrameMs")), num(pan.get("maxFrameMs")),
        (Long) pan.get("framesOver50Ms"), (Long) pan.get("framesOver100Ms"), num(pan.get("totalMs")),
        (Integer) slowest.get("step"), slowest.get("move"), num(slowest.get("ms")));
    if (!tiles) {
      System.out.println("  FALLBACK: the page has no wangge.tilesLoading() (before issue 6): moves wait for moveend only.");
    }
  }

  // --- c. report → map ----------------------------------------------------------------------------

  private void reportToMap() throws Exception {
    heading("Report → map on " + options.path() + " (" + options.reports + " reports, one every ~2 s)");
    String token = issueToken();
    List<double[]> places = places(token);
    driver.get("about:blank");
    openMap();
    boolean hook = (Boolean) js().executeScript("return typeof window.wangge.caseSeen === 'function'");
    Map<String, Object> live = new LinkedHashMap<>();
    live.put("path", options.path());
    result.put("reportToMap", live);
    if (!hook) {
      System.out.println("  NOT MEASURED: the page has no window.wangge.caseSeen(number) (before issue 6).");
      live.put("measured", false);
      return;
    }
    live.put("measured", true);
    System.out.printf("%-4s %-18s %10s %10s %10s%n", "#", "number", "POST ms", "drawn ms", "skew ms");
    List<Map<String, Object>> reports = new ArrayList<>();
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < options.reports; i++) {
      long next = System.currentTimeMillis() + 2_000;
      double[] p = places.get(i % places.size());
      String body = String.format(Locale.ROOT,
          "{\"lon\":%.7f,\"lat\":%.7f,\"categoryCode\":\"%s\",\"description\":\"地图速度测试上报 %d\",\"source\":\"PATROL\"}",
          p[0], p[1], options.category, i + 1);
      HttpRequest post = HttpRequest.newBuilder(URI.create(options.url + "/api/incidents"))
          .header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", "bench-map-" + UUID.randomUUID())
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      long sent = System.currentTimeMillis();
      HttpResponse<String> response = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
      long answered = System.currentTimeMillis();
      if (response.statusCode() != 201) {
        throw new IllegalStateException("POST /api/incidents answered " + response.statusCode() + ": " + response.body());
      }
      String number = JSON.readTree(response.body()).get("number").asString();
      @SuppressWarnings("unchecked")
      Map<String, Object> seen = (Map<String, Object>) js().executeAsyncScript(CASE_SEEN, number, LIVE_CAP_MS);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("number", number);
      r.put("postMs", answered - sent);
      r.put("skewMs", num(seen.get("skew")));
      Double latency = seen.get("seen") == null ? null : num(seen.get("seen")) + num(seen.get("skew")) - sent;
      r.put("drawnMs", latency);
      reports.add(r);
      if (latency != null) {
        latencies.add(latency);
      }
      System.out.printf(Locale.ROOT, "%-4d %-18s %10d %10s %10.1f%n", i + 1, number, answered - sent,
          latency == null ? "NOT SEEN" : String.format(Locale.ROOT, "%.0f", latency), num(seen.get("skew")));
      long pause = next - System.currentTimeMillis();
      if (pause > 0 && i + 1 < options.reports) {
        Thread.sleep(pause);
      }
    }
    live.put("reports", reports);
    live.put("seen", latencies.size());
    live.put("drawnMs", summary(latencies));
    System.out.printf(Locale.ROOT, "seen %d of %d; report → drawn: %s%n", latencies.size(), options.reports, line(live.get("drawnMs")));
  }

  private String issueToken() throws IOException, InterruptedException {
    String basic = Base64.getEncoder().encodeToString(
        (options.admin + ":" + options.adminPassword).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(options.url + "/api/admin/users/" + options.user + "/tokens"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"map speed benchmark\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("Could not issue an API token for " + options.user + ": "
          + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).get("secret").asString();
  }

  /** Places inside the city where people report: a few metres from existing cases. */
  private List<double[]> places(String token) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(options.url + "/api/incidents?format=geojson&size=200"))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/incidents answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode features = JSON.readTree(response.body()).get("features");
    List<double[]> places = new ArrayList<>();
    for (int i = 0; i < features.size(); i += Math.max(1, features.size() / options.reports)) {
      JsonNode c = features.get(i).get("geometry").get("coordinates");
      // ~10 m away, so that the new case is not on top of the old one
      places.add(new double[] {c.get(0).asDouble() + 0.0001, c.get(1).asDouble() + 0.00007});
    }
    if (places.isEmpty()) {
      throw new IllegalStateException("No cases to report next to: is the city loaded?");
    }
    return places;
  }

  // --- helpers ------------------------------------------------------------------------------------

  private JavascriptExecutor js() {
    return driver;
  }

  private static void heading(String text) {
    System.out.println();
    System.out.println("== " + text);
  }

  private static double num(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  /** Nearest-rank percentile; 0 for no values. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  private static Map<String, Object> summary(List<Double> values) {
    Map<String, Object> s = new LinkedHashMap<>();
    List<Double> present = values.stream().filter(v -> !Double.isNaN(v)).toList();
    if (present.isEmpty()) {
      return s;
    }
    List<Double> sorted = new ArrayList<>(present);
    Collections.sort(sorted);
    int n = sorted.size();
    s.put("median", n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    s.put("min", sorted.getFirst());
    s.put("max", sorted.getLast());
    s.put("n", n);
    return s;
  }

  private static String line(Object summary) {
    @SuppressWarnings("unchecked")
    Map<String, Object> s = (Map<String, Object>) summary;
    if (s.isEmpty()) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "median %.0f ms (min %.0f, max %.0f, n %d)",
        num(s.get("median")), num(s.get("min")), num(s.get("max")), (Integer) s.get("n"));
  }

  private record Options(
      String url, String user, String password, String admin, String adminPassword, boolean wall,
      int runs, int reports, Set<String> parts, String label, String out, String category) {

    String path() {
      return wall ? "/?wall=1" : "/";
    }

    static Options parse(String[] args) {
      String url = null, user = "operator-city", password = DEMO_PASSWORD, admin = "admin";
      String adminPassword = System.getenv().getOrDefault("WANGGE_ADMIN_PASSWORD", DEMO_PASSWORD);
      String label = "", out = "backend/target/bench-map.json", category = "010101";
      boolean wall = false;
      int runs = 5, reports = 10;
      Set<String> parts = Set.of("first", "pan", "live");
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--wall" -> wall = true;
          case "--url" -> url = args[++i].replaceAll("/+$", "");
          case "--user" -> user = args[++i];
          case "--password" -> password = args[++i];
          case "--admin" -> admin = args[++i];
          case "--admin-password" -> adminPassword = args[++i];
          case "--runs" -> runs = Integer.parseInt(args[++i]);
          case "--reports" -> reports = Integer.parseInt(args[++i]);
          case "--parts" -> parts = Set.of(args[++i].split(","));
          case "--label" -> label = args[++i];
          case "--out" -> out = args[++i];
          case "--category" -> category = args[++i];
          default -> throw new IllegalArgumentException("unknown argument " + a
              + " (--url URL [--wall] [--runs N] [--reports N] [--parts first,pan,live] [--label T] [--out FILE]"
              + " [--user U] [--password P] [--admin U] [--admin-password P] [--category CODE])");
        }
      }
      if (url == null) {
        throw new IllegalArgumentException("--url of the running backend is required, e.g. --url http://localhost:8080");
      }
      if (runs < 1 || reports < 1) {
        throw new IllegalArgumentException("--runs and --reports must be at least 1");
      }
      return new Options(url, user, password, admin, adminPassword, wall, runs, reports, parts, label, out, category);
    }
  }
}
