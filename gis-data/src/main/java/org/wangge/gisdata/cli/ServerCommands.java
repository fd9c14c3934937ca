package org.wangge.gisdata.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wangge.gisdata.crs.Crs;
import org.wangge.gisdata.io.FileFormat;

/** {@code import} and {@code export}: the command line talking to a running Wangge server. */
final class ServerCommands {

  static final String IMPORT_USAGE =
      """
      import FILE --server URL --user NAME [--password P] [--kind AREA|ADDRESS|MEMBER|INCIDENT]
                  [--level CITY|DISTRICT|STREET|COMMUNITY|GRID] [--crs CRS] [--layer NAME]
                  [--map code=CODE,name=NAME,parentCode=PCODE] [--encoding UTF-8|GBK]
                  [--repair] [--on-existing REFUSE|SKIP|NEW_VERSION] [--dry-run-only]
        Uploads FILE to /api/imports, runs the dry run (progress line on standard error), prints
        its summary and problems, then commits unless --dry-run-only or the dry run found blocking
        problems. Without --kind/--level/--map the server's suggestion for each layer is used.
        The password may come from the environment variable WANGGE_PASSWORD.
        Exit status: 0 committed (or, with --dry-run-only, committable), 1 refused, not committable
        or failed, 2 bad arguments.\
      """;

  static final String EXPORT_USAGE =
      """
      export --server URL --user NAME [--password P] [--area CODE] [--layers grids,addresses]
             [--format shapefile|geopackage|geojson|flatgeobuf|csv] [--crs CRS]
             [--encoding UTF-8|GBK] [--from ISO] [--to ISO] -o FILE
        Downloads /api/exports into FILE (default: the server's file name in the current
        directory).\
      """;

  static final Set<String> IMPORT_VALUES = Set.of("--server", "--user", "--password", "--kind",
      "--level", "--crs", "--layer", "--map", "--encoding", "--on-existing", "--poll-ms");
  static final Set<String> IMPORT_FLAGS = Set.of("--repair", "--dry-run-only");
  static final Set<String> EXPORT_VALUES = Set.of("--server", "--user", "--password", "--area",
      "--layers", "--format", "--crs", "--encoding", "--from", "--to", "--out");

  private ServerCommands() {}

  /** Connection to the server. */
  record Server(URI base, String user, String password) {
    String authorization() {
      return "Basic " + Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
      String b = base.toString();
      return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + path);
    }
  }

  /** What import was asked to do, checked. */
  record ImportRequest(Path file, Server server, String kind, String level, String crs, String layer,
      Map<String, String> mapping, String encoding, boolean repair, String onExisting,
      boolean dryRunOnly, long pollMillis) {}

  static final Set<String> KINDS = Set.of("AREA", "ADDRESS", "MEMBER", "INCIDENT");
  static final Set<String> LEVELS = Set.of("CITY", "DISTRICT", "STREET", "COMMUNITY", "GRID");
  static final Set<String> ON_EXISTING = Set.of("REFUSE", "SKIP", "NEW_VERSION");

  static Server server(Options o, Map<String, String> env) throws GisDataCommand.UsageException {
    String url = o.require("--server", "the server URL (e.g. http://localhost:8080)");
    URI base;
    try {
      base = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new GisDataCommand.UsageException("--server: not a URL: '" + url + "'");
    }
    if (base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
        || base.getHost() == null) {
      throw new GisDataCommand.UsageException("--server: an http:// or https:// URL is needed, not '" + url + "'");
    }
    String user = o.require("--user", "the user name");
    String password = o.has("--password") ? o.get("--password") : env.get("WANGGE_PASSWORD");
    if (password == null || password.isEmpty()) {
      throw new GisDataCommand.UsageException(
          "--password: the password is required (or set WANGGE_PASSWORD)");
    }
    return new Server(base, user, password);
  }

  static ImportRequest importRequest(String[] args, Map<String, String> env)
      throws GisDataCommand.UsageException {
    Options o = Options.parse(args, IMPORT_VALUES, IMPORT_FLAGS, Map.of());
    if (o.positional.size() != 1) {
      throw new GisDataCommand.UsageException("import needs one FILE, got " + o.positional.size());
    }
    Path file = Path.of(o.positional.get(0));
    Server server = server(o, env);
    String kind = upper(o.get("--kind"));
    if (kind != null && !KINDS.contains(kind)) {
      throw new GisDataCommand.UsageException("--kind: one of AREA, ADDRESS, MEMBER, INCIDENT, not '" + o.get("--kind") + "'");
    }
    String level = upper(o.get("--level"));
    if (level != null && !LEVELS.contains(level)) {
      throw new GisDataCommand.UsageException(
          "--level: one of CITY, DISTRICT, STREET, COMMUNITY, GRID, not '" + o.get("--level") + "'");
    }
    if (level != null && kind != null && !kind.equals("AREA")) {
      throw new GisDataCommand.UsageException("--level: only for --kind AREA");
    }
    String crs = null;
    if (o.has("--crs")) {
      try {
        crs = Crs.parse(o.get("--crs")).code();
      } catch (IllegalArgumentException e) {
        throw new GisDataCommand.UsageException("--crs: " + e.getMessage());
      }
    }
    Map<String, String> mapping = o.has("--map") ? Options.pairs("--map", o.get("--map")) : null;
    String encoding = null;
    if (o.has("--encoding")) {
      Charset c = ConvertCommand.charset(o, "--encoding");
      encoding = c.name().equals("UTF-8") ? "UTF-8" : "GBK";
    }
    String onExisting = upper(o.get("--on-existing"));
    if (onExisting != null && !ON_EXISTING.contains(onExisting)) {
      throw new GisDataCommand.UsageException(
          "--on-existing: one of REFUSE, SKIP, NEW_VERSION, not '" + o.get("--on-existing") + "'");
    }
    long poll = 500;
    if (o.has("--poll-ms")) {
      try {
        poll = Long.parseLong(o.get("--poll-ms"));
      } catch (NumberFormatException e) {
        throw new GisDataCommand.UsageException("--poll-ms: not a whole number");
      }
    }
    return new ImportRequest(file, server, kind, level, crs, o.get("--layer"), mapping, encoding,
        o.has("--repair"), onExisting == null ? "REFUSE" : onExisting, o.has("--dry-run-only"), poll);
  }

  private static String upper(String s) {
    return s == null ? null : s.strip().toUpperCase(Locale.ROOT);
  }

  /** An HTTP answer that is not what we asked for. */
  static final class ServerException extends Exception {
    private static final long serialVersionUID = 1L;

    ServerException(String message) {
      super(message);
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static Object send(Server s, HttpRequest.Builder b, int... expected)
      throws IOException, InterruptedException, ServerException {
    HttpResponse<String> r = HTTP.send(
        b.header("Authorization", s.authorization()).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    for (int e : expected) {
      if (r.statusCode() == e) {
        return r.body().isEmpty() ? null : Json.parse(r.body());
      }
    }
    throw new ServerException(problem(r.statusCode(), r.body()));
  }

  /** "HTTP 400: layers[0].crs: …" from an RFC 9457 problem or whatever the body says. */
  static String problem(int status, String body) {
    String detail = body;
    String field = null;
    try {
      Object json = Json.parse(body);
      if (json instanceof Map<?, ?>) {
        String d = Json.text(json, "detail");
        String t = Json.text(json, "title");
        detail = d != null ? d : t != null ? t : body;
        field = Json.text(json, "field");
      }
    } catch (RuntimeException ignored) {
      // not JSON
    }
    if (status == 401) {
      detail = "the user name or password is wrong";
    } else if (status == 403 && (detail == null || detail.isBlank())) {
      detail = "this user may not do that (ADMIN or PLANNER needed)";
    }
    return "HTTP " + status + ": " + (field == null ? "" : field + ": ") + (detail == null ? "" : detail.strip());
  }

  static int runImport(ImportRequest r, PrintStream out, PrintStream err) throws InterruptedException {
    if (!Files.isRegularFile(r.file())) {
      err.println("error: FILE: no file " + r.file());
      return 2;
    }
    Server s = r.server();
    ProgressLine line = new ProgressLine(err);
    try {
      // 1. upload
      String boundary = "wangge-" + UUID.randomUUID();
      List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
      if (r.encoding() != null) {
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
            + " name=\"encoding\"\r\n\r\n" + r.encoding() + "\r\n"));
      }
      String fileName = r.file().getFileName().toString().replace("\"", "");
      parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
          + " name=\"file\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
          StandardCharsets.UTF_8));
      parts.add(HttpRequest.BodyPublishers.ofFile(r.file()));
      parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
      err.printf(Locale.ROOT, "uploading %s (%.1f MB) to %s…%n", fileName, Files.size(r.file()) / 1e6, s.base());
      Object view = send(s, HttpRequest.newBuilder(s.uri("/api/imports"))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .timeout(Duration.ofMinutes(30))
          .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))), 201, 200);
      String id = Json.text(view, "id");
      out.printf(Locale.ROOT, "import %s: %s, %s%n", id, Json.text(view, "fileName"), Json.text(view, "format"));

      // 2. the dry-run request from the options and the server's suggestions
      List<Object> layerRequests = new ArrayList<>();
      for (Object layer : Json.list(view, "layers")) {
        String name = Json.text(layer, "name");
        if (r.layer() != null && !r.layer().equals(name)) {
          continue;
        }
        out.printf(Locale.ROOT, "  layer %s: %,d %s, crs %s%s%n", name, Json.number(layer, "featureCount"),
            Json.text(layer, "geometryType"), Json.text(layer, "crs"),
            Json.text(layer, "charset") == null ? "" : ", " + Json.text(layer, "charset"));
        Map<String, Object> lr = new LinkedHashMap<>();
        lr.put("layer", name);
        String kind = r.kind() != null ? r.kind() : Json.text(layer, "suggested", "kind");
        if (kind == null) {
          err.println("error: --kind: the server cannot tell what layer " + name + " holds; give --kind");
          return 2;
        }
        lr.put("kind", kind);
        String level = r.level() != null ? r.level() : Json.text(layer, "suggested", "level");
        if ("AREA".equals(kind)) {
          if (level == null) {
            err.println("error: --level: the server cannot tell the level of layer " + name + "; give --level");
            return 2;
          }
          lr.put("level", level);
        }
        if (r.crs() != null) {
          lr.put("crs", r.crs());
        } else if (Json.text(layer, "crs") == null) {
          err.println("error: --crs: layer " + name + " does not say its coordinate system ("
              + Json.text(layer, "crsNote") + "); give --crs, e.g. --crs EPSG:4547");
          return 2;
        }
        Object mapping = r.mapping() != null ? r.mapping() : Json.at(layer, "suggested", "mapping");
        if (mapping == null) {
          err.println("error: --map: no mapping suggested for layer " + name + "; give --map code=…,name=…");
          return 2;
        }
        lr.put("mapping", mapping);
        layerRequests.add(lr);
      }
      if (layerRequests.isEmpty()) {
        err.println("error: --layer: no layer '" + r.layer() + "' in the file");
        return 2;
      }
      Map<String, Object> request = new LinkedHashMap<>();
      request.put("layers", layerRequests);
      request.put("repair", r.repair());
      request.put("onExisting", r.onExisting());

      // 3. dry run
      send(s, HttpRequest.newBuilder(s.uri("/api/imports/" + id + "/dry-run"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))), 202, 200);
      view = poll(s, id, Set.of("CHECKED", "FAILED", "UPLOADED"), r.pollMillis(), line);
      if (!"CHECKED".equals(Json.text(view, "status"))) {
        err.println("error: the dry run failed: " + error(view));
        return 1;
      }
      printReport(Json.at(view, "dryRun"), out);
      boolean committable = Boolean.TRUE.equals(Json.at(view, "dryRun", "committable"));
      if (r.dryRunOnly()) {
        out.println(committable ? "dry run only: committable, not committed" : "dry run only: NOT committable");
        return committable ? 0 : 1;
      }
      if (!committable) {
        out.println("not committed: fix the blocking problems above (or use --repair / --on-existing)");
        return 1;
      }

      // 4. commit
      send(s, HttpRequest.newBuilder(s.uri("/api/imports/" + id + "/commit"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}")), 202, 200);
      view = poll(s, id, Set.of("COMMITTED", "FAILED"), r.pollMillis(), line);
      if (!"COMMITTED".equals(Json.text(view, "status"))) {
        err.println("error: the commit failed, nothing was written: " + error(view));
        return 1;
      }
      Object result = Json.at(view, "result");
      out.printf(Locale.ROOT, "committed: %,d inserted, %,d new versions, %,d skipped in %.1f s%n",
          Json.number(result, "inserted"), Json.number(result, "newVersions"),
          Json.number(result, "skipped"), Json.number(result, "millis") / 1000.0);
      return 0;
    } catch (ServerException e) {
      line.done();
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      line.done();
      err.println("error: cannot reach " + s.base() + ": " + e);
      return 1;
    }
  }

  private static String error(Object view) {
    Object e = Json.at(view, "error");
    if (e == null) {
      return "status " + Json.text(view, "status");
    }
    String field = Json.text(e, "field");
    return (field == null ? "" : field + ": ") + Json.text(e, "detail");
  }

  private static Object poll(Server s, String id, Set<String> until, long pollMillis, ProgressLine line)
      throws IOException, InterruptedException, ServerException {
    while (true) {
      Object view = send(s, HttpRequest.newBuilder(s.uri("/api/imports/" + id)).GET(), 200);
      String status = Json.text(view, "status");
      String phase = Json.text(view, "progress", "phase");
      line.show(phase == null ? status : phase, Json.number(view, "progress", "done"),
          Json.number(view, "progress", "total"), until.contains(status));
      if (until.contains(status)) {
        line.done();
        return view;
      }
      Thread.sleep(pollMillis);
    }
  }

  /** Prints a DryRunReport: counts, blocking reasons and the first problems. */
  static void printReport(Object report, PrintStream out) {
    Object counts = Json.at(report, "counts");
    if (counts instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder("dry run:");
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() instanceof Number n && (n.longValue() != 0 || List.of("features", "valid").contains(e.getKey()))) {
          b.append(String.format(Locale.ROOT, " %s %,d,", e.getKey(), n.longValue()));
        }
      }
      out.println(b.substring(0, b.length() - 1));
    }
    Object score = Json.at(report, "coverage", "score");
    if (score != null) {
      out.println("coverage score: " + score);
    }
    List<Object> problems = Json.list(report, "problems");
    long problemCount = Json.number(report, "problemCount");
    if (problemCount > 0) {
      out.printf(Locale.ROOT, "problems (%,d):%n", problemCount);
      int shown = 0;
      for (Object p : problems) {
        if (shown++ >= 20) {
          out.printf(Locale.ROOT, "  … %,d more%n", problemCount - 20);
          break;
        }
        out.printf(Locale.ROOT, "  %s %s row %s%s: %s%n",
            Boolean.TRUE.equals(Json.at(p, "blocking")) ? "BLOCKING" : "warning ",
            Json.text(p, "kind"), Json.text(p, "row"),
            Json.text(p, "code") == null ? "" : " (" + Json.text(p, "code") + ")", Json.text(p, "message"));
      }
    }
    for (Object b : Json.list(report, "blocking")) {
      out.println("blocking: " + b);
    }
  }

  // ---------------------------------------------------------------- export

  record ExportRequest(Server server, Map<String, String> query, Path out) {}

  static ExportRequest exportRequest(String[] args, Map<String, String> env) throws GisDataCommand.UsageException {
    Options o = Options.parse(args, EXPORT_VALUES, Set.of(), Map.of("-o", "--out"));
    if (!o.positional.isEmpty()) {
      throw new GisDataCommand.UsageException("unexpected argument '" + o.positional.get(0) + "'");
    }
    Server server = server(o, env);
    Map<String, String> q = new LinkedHashMap<>();
    for (String name : List.of("--area", "--layers", "--format", "--crs", "--encoding", "--from", "--to")) {
      if (o.has(name)) {
        q.put(name.substring(2), o.get(name));
      }
    }
    if (q.containsKey("format")) {
      try {
        q.put("format", FileFormat.parse(q.get("format")).name().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new GisDataCommand.UsageException("--format: " + e.getMessage());
      }
    }
    if (q.containsKey("crs")) {
      try {
        q.put("crs", Crs.parse(q.get("crs")).code());
      } catch (IllegalArgumentException e) {
        throw new GisDataCommand.UsageException("--crs: " + e.getMessage());
      }
    }
    return new ExportRequest(server, q, o.has("--out") ? Path.of(o.get("--out")) : null);
  }

  static int runExport(ExportRequest r, PrintStream out, PrintStream err) throws InterruptedException {
    StringBuilder query = new StringBuilder();
    r.query().forEach((k, v) -> query.append(query.isEmpty() ? "?" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    Server s = r.server();
    try {
      HttpResponse<InputStream> resp = HTTP.send(HttpRequest.newBuilder(s.uri("/api/exports" + query))
              .header("Authorization", s.authorization()).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      if (resp.statusCode() != 200) {
        String body;
        try (InputStream in = resp.body()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        err.println("error: " + problem(resp.statusCode(), body));
        return 1;
      }
      Path target = r.out();
      if (target == null) {
        String name = resp.headers().firstValue("Content-Disposition").map(ServerCommands::fileName).orElse("export.zip");
        target = Path.of(name);
      }
      long start = System.nanoTime();
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".export", ".part");
      try (InputStream in = resp.body()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      out.printf(Locale.ROOT, "wrote %s (%.1f MB) in %.1f s%n", target, Files.size(target) / 1e6,
          (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (IOException e) {
      err.println("error: cannot reach " + s.base() + ": " + e);
      return 1;
    }
  }

  private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]+)\"");

  static String fileName(String disposition) {
    Matcher m = FILENAME.matcher(disposition);
    String name = m.find() ? m.group(1) : "export.zip";
    return Path.of(name).getFileName().toString();
  }
}
