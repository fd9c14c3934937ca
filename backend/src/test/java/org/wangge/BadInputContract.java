package org.wangge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bad-input contract (docs/bad-input.md), per API family: intake, actions, lists, OGC, Open311,
 * imports, plans, auth, and requests Tomcat refuses itself. Tables of bad values × fields are turned
 * into requests; each must get the stated 4xx, name the field at fault (problem+json {@code field},
 * or Open311's error description), and change nothing (row counts and version sums read in SQL
 * before and after). No case may get a 5xx. Malformed requests go over a raw socket or
 * java.net.http with hand-made bytes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
  static final String OPEN311_KEY = "wangge-open311-demo-2026";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  double lon;
  double lat;
  String category;
  long dispatched;

  /** What came back. */
  record Answer(int status, String contentType, String body, Map<String, List<String>> headers) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** One bad request and what it must get. */
  record Bad(String family, String name, Supplier<Answer> send, int status, String field) {}

  @BeforeAll
  void pickAPlaceAndACase() throws Exception {
    // Each user's API token is issued on first use (a row in api_token): issue them before any case.
    for (String user : List.of("operator-street", "operator-city", "admin", "planner-district")) {
      Api.as(port, user).token();
    }
    String grid = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'member-grid1'", String.class);
    byte[] wkb = jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, grid);
    Coordinate inside = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    lon = inside.x;
    lat = inside.y;
    category = jdbc.queryForObject("SELECT min(code) FROM category WHERE level = 'ITEM' AND retired_in IS NULL AND department_id IS NULL", String.class);
    String member = jdbc.queryForObject("SELECT member_code FROM app_user WHERE username = 'member-grid1'", String.class);
    var filed = Api.as(port, "operator-street").post("/api/incidents", validReport("PATROL"));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    dispatched = JSON.readTree(filed.body()).get("id").asLong();
    var dispatch = Api.as(port, "operator-street").post(
        "/api/incidents/" + dispatched + "/actions", "{\"action\":\"DISPATCH\",\"assigneeCode\":\"" + member + "\"}");
    assertThat(dispatch.statusCode()).as(dispatch.body()).isEqualTo(200);
  }

  // --- the state that no bad request may change ---------------------------------------------------

  Map<String, Object> state() {
    Map<String, Object> s = new LinkedHashMap<>();
    for (String table :
        List.of("incident", "incident_event", "incident_photo", "incident_reporter", "idempotency_key", "area", "address",
            "app_user", "api_token", "plan", "plan_edit", "plan_grid", "key_case_control", "key_case_note", "incident_whistle")) {
      s.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
    }
    s.put("incident.version", jdbc.queryForObject("SELECT coalesce(sum(version), 0) FROM incident", Long.class));
    s.put("incident.due_at", String.valueOf(jdbc.queryForObject("SELECT max(due_at) FROM incident", Object.class)));
    s.put("app_user.failed", jdbc.queryForObject("SELECT coalesce(sum(failed_attempts), 0) FROM app_user", Long.class));
    return s;
  }

  Stream<DynamicTest> run(List<Bad> cases) {
    return cases.stream().map(c -> dynamicTest(c.family() + " · " + c.name() + " → " + c.status() + " " + c.field(), () -> check(c)));
  }

  void check(Bad c) {
    Map<String, Object> before = state();
    Answer a = c.send().get();
    String what = c.family() + " · " + c.name() + ": " + a.status() + " " + a.contentType() + " " + a.body();
    assertThat(a.status()).as("no server error: " + what).isLessThan(500);
    assertThat(a.status()).as(what).isEqualTo(c.status());
    assertThat(named(a)).as("names the field: " + what).isEqualTo(c.field());
    assertThat(state()).as("nothing changed: " + what).isEqualTo(before);
  }

  /** The field an error answer names: problem+json {@code field}, or Open311's "field: …" description. */
  static String named(Answer a) {
    String type = a.contentType() == null ? "" : a.contentType();
    if (type.startsWith("application/problem+json")) {
      JsonNode field = a.json().get("field");
      return field == null ? null : field.asString();
    }
    if (type.startsWith("application/json") && a.body().startsWith("[")) {
      String description = a.json().get(0).get("description").asString();
      int colon = description.indexOf(':');
      return colon < 0 ? description : description.substring(0, colon);
    }
    if (type.startsWith("text/xml")) {
      var m = java.util.regex.Pattern.compile("<description>([^:<]*):").matcher(a.body());
      return m.find() ? m.group(1) : null;
    }
    return "(not problem+json: " + type + ")";
  }

  // --- clients ------------------------------------------------------------------------------------

  HttpRequest.Builder request(String user, String path) {
    var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
    if (user != null) {
      b.header("Authorization", "Bearer " + Api.as(port, user).token());
    } else {
      // Anonymous reports are limited per client address (20 a minute): each case comes from another
      // citizen, through the trusted local proxy (server.forward-headers-strategy=native).
      b.header("X-Forwarded-For", citizenAddress());
    }
    return b;
  }

  private final java.util.concurrent.atomic.AtomicInteger citizens = new java.util.concurrent.atomic.AtomicInteger();

  /** A documentation address (RFC 5737 TEST-NET-2 and -3), another for each call. */
  String citizenAddress() {
    int n = citizens.getAndIncrement() % 512;
    return (n < 256 ? "198.51.100." : "203.0.113.") + (n % 256);
  }

  Supplier<Answer> get(String user, String path) {
    return get(user, path, Map.of());
  }

  Supplier<Answer> get(String user, String path, Map<String, String> headers) {
    return () -> {
      var b = request(user, path).GET();
      headers.forEach(b::header);
      return send(b.build());
    };
  }

  Supplier<Answer> post(String user, String path, String contentType, byte[] body) {
    return () -> {
      var b = request(user, path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      return send(b.build());
    };
  }

  Supplier<Answer> json(String user, String path, String body) {
    return post(user, path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static Answer send(HttpRequest request) {
    HttpResponse<String> r = Api.send(request);
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), r.headers().map());
  }

  /** A request written byte for byte over a socket (for what java.net.http will not send). */
  Supplier<Answer> raw(String head, byte[] body) {
    return () -> {
      try (Socket socket = new Socket("localhost", port)) {
        socket.setSoTimeout(60_000);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        byte[] all = readAll(socket.getInputStream());
        String text = new String(all, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(lines[i].substring(colon + 1).trim());
        }
        String payload = text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
          payload = unchunk(payload);
        }
        String type = headers.containsKey("content-type") ? headers.get("content-type").getFirst() : null;
        return new Answer(status, type, payload, headers);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static byte[] readAll(InputStream in) throws IOException {
    var buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    try {
      while ((n = in.read(chunk)) > 0) {
        buffer.write(chunk, 0, n);
      }
    } catch (java.net.SocketException e) {
      // The server closed after answering (a refused upload): keep what was read.
    }
    return buffer.toByteArray();
  }

  private static String unchunk(String chunked) {
    var out = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
      if (size == 0) {
        break;
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
    return out.toString();
  }

  Supplier<Answer> rawGet(String target, String extraHeaders) {
    return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + extraHeaders + "\r\n", new byte[0]);
  }

  // --- bodies ---------------------------------------------------------------------------------------

  String validReport(String source) {
    return "{\"lon\":" + lon + ",\"lat\":" + lat + ",\"categoryCode\":\"" + category
        + "\",\"description\":\"坏输入测试\",\"source\":\"" + source + "\"}";
  }

  /** The valid report with one field's JSON value replaced (or added). */
  String reportWith(String field, String jsonValue) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("lon", Double.toString(lon));
    f.put("lat", Double.toString(lat));
    f.put("categoryCode", "\"" + category + "\"");
    f.put("description", "\"坏输入测试\"");
    f.put("source", "\"CITIZEN\"");
    f.put(field, jsonValue);
    var text = new StringBuilder("{");
    f.forEach((k, v) -> text.append(text.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return text.append('}').toString();
  }

  /** The JSON object text with {@code field} given a second time. */
  static String duplicated(String json, String field, String secondValue) {
    return json.substring(0, json.length() - 1) + ",\"" + field + "\":" + secondValue + "}";
  }

  static byte[] bytes(String text, byte[]... rawInserts) {
    var out = new ByteArrayOutputStream();
    String[] parts = text.split("\\{RAW}", -1);
    for (int i = 0; i < parts.length; i++) {
      out.writeBytes(parts[i].getBytes(StandardCharsets.UTF_8));
      if (i < rawInserts.length && i < parts.length - 1) {
        out.writeBytes(rawInserts[i]);
      }
    }
    return out.toByteArray();
  }

  static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** Malformed UTF-8: overlong forms of '<' and '/', a surrogate, bytes that never occur, truncations. */
  static final Map<String, byte[]> MALFORMED_UTF8 =
      new LinkedHashMap<>(
          Map.of(
              "overlong < (C0 BC)", b(0xC0, 0xBC),
              "overlong < (E0 80 BC)", b(0xE0, 0x80, 0xBC),
              "overlong < (F0 80 80 BC)", b(0xF0, 0x80, 0x80, 0xBC),
              "overlong / (C0 AF)", b(0xC0, 0xAF),
              "surrogate (ED A0 80)", b(0xED, 0xA0, 0x80),
              "above U+10FFFF (F4 90 80 80)", b(0xF4, 0x90, 0x80, 0x80),
              "5-byte form (F8 88 80 80 80)", b(0xF8, 0x88, 0x80, 0x80, 0x80),
              "FF", b(0xFF),
              "lone continuation 80", b(0x80),
              "truncated é (C3)", b(0xC3)));

  /** Multipart bodies: the parts as (name, filename or null, content type, bytes). */
  record Part(String name, String filename, String type, byte[] data) {}

  static byte[] multipart(String boundary, List<Part> parts) {
    var out = new ByteArrayOutputStream();
    for (Part p : parts) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name() + "\""
              + (p.filename() == null ? "" : "; filename=\"" + p.filename() + "\"") + "\r\nContent-Type: " + p.type() + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.writeBytes(p.data());
      out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  Supplier<Answer> multipartPost(String user, String path, String jsonPart, String jsonJson, List<byte[]> photos) {
    String boundary = "wg" + UUID.randomUUID();
    List<Part> parts = new ArrayList<>();
    if (jsonPart != null) {
      parts.add(new Part(jsonPart, null, "application/json", jsonJson.getBytes(StandardCharsets.UTF_8)));
    }
    for (int i = 0; i < photos.size(); i++) {
      parts.add(new Part("photos", "p" + i + ".png", "image/png", photos.get(i)));
    }
    return post(user, path, "multipart/form-data; boundary=" + boundary, multipart(boundary, parts));
  }

  /** A PNG whose header claims width × height (valid chunk CRCs, a tiny IDAT): a decompression bomb. */
  static byte[] pngHeader(int width, int height) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(b(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A));
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    var deflater = new java.util.zip.Deflater(9);
    deflater.setInput(new byte[100_000]);
    deflater.finish();
    byte[] idat = new byte[2000];
    int n = deflater.deflate(idat);
    chunk(out, "IDAT", java.util.Arrays.copyOf(idat, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    var crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** A WebP (VP8X) whose canvas claims width × height. */
  static byte[] webpHeader(int width, int height) {
    ByteBuffer d = ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    d.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    d.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0).put(new byte[3]);
    int w = width - 1;
    int h = height - 1;
    d.put((byte) w).put((byte) (w >> 8)).put((byte) (w >> 16)).put((byte) h).put((byte) (h >> 8)).put((byte) (h >> 16));
    return d.array();
  }

  /** A JPEG whose frame header (SOF0) claims width × height. */
  static byte[] jpegHeader(int width, int height) {
    byte[] real = TestImages.jpeg(8, 8);
    // Patch the SOF0 marker's height and width of a real JPEG.
    for (int i = 2; i < real.length - 9; i++) {
      if ((real[i] & 0xff) == 0xFF && (real[i + 1] & 0xff) == 0xC0) {
        real[i + 5] = (byte) (height >> 8);
        real[i + 6] = (byte) height;
        real[i + 7] = (byte) (width >> 8);
        real[i + 8] = (byte) width;
        return real;
      }
    }
    throw new IllegalStateException("no SOF0 in the test JPEG");
  }

  static final String[] UNKNOWN_FIELDS = {"foo", "Lon", "__proto__", "constructor", "id", "status", "extra_field", "x-y", "空"};

  static final String[] BAD_INSTANTS = {
    "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
    "yesterday", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "1e10", "0x10"
  };

  static final String[] BAD_IDS = {"0x10", "0X10", "+16", "1e3", "1.0", "16L", "%EF%BC%91%EF%BC%96", "99999999999999999999", "%2016", "16%20", "-0x1", "%2310", "0b1"};

  static String q(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // --- intake ---------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> intake() {
    List<Bad> cases = new ArrayList<>();
    String path = "/api/incidents";
    for (String field : List.of("lon", "lat", "categoryCode", "description", "source")) {
      String value = field.equals("lon") || field.equals("lat") ? "1" : field.equals("source") ? "\"PATROL\"" : "\"x\"";
      cases.add(new Bad("intake", "duplicate " + field, json(null, path, duplicated(validReport("CITIZEN"), field, value)), 400, field));
    }
    for (String unknown : UNKNOWN_FIELDS) {
      cases.add(new Bad("intake", "unknown field " + unknown, json(null, path, reportWith(unknown, "1")), 400, unknown));
    }
    Map<String, List<String>> wrong = new LinkedHashMap<>();
    wrong.put("lon", List.of("\"abc\"", "{}", "[]", "true", "1e400", "181", "-180.5", "\"NaN\"", "\"Infinity\"", "1" + "0".repeat(400)));
    wrong.put("lat", List.of("\"abc\"", "{}", "[1]", "false", "-1e400", "91", "-90.5", "\"NaN\"", "\"-Infinity\""));
    wrong.put("categoryCode", List.of("{}", "[]", "\"zz\"", "\"0x10\"", "\"99999999999999999999\"", "\"\""));
    wrong.put("description", List.of("{}", "[\"a\"]", "\"\"", "\"   \""));
    wrong.put("source", List.of("{}", "[]", "\"FOO\"", "\"\""));
    wrong.put("risk", List.of("{}", "\"EXTREME\""));
    wrong.put("reporterPhone", List.of("\"abc\"", "\"123\"", "{}"));
    wrong.put("reporterName", List.of("\"" + "名".repeat(51) + "\"", "[]"));
    wrong.put("crs", List.of("\"EPSG:99999\"", "\"foo\"", "{}"));
    wrong.forEach((field, values) -> values.forEach(v ->
        cases.add(new Bad("intake", field + " = " + abbreviate(v), json(null, path, reportWith(field, v)), 400, field))));
    for (String body : List.of("", "null", "[]", "[{}]", "1", "\"report\"", "{", "{\"lon\":1,}", "{}}", "{} {}", "{'lon':1}", "{\"lon\" 1}")) {
      cases.add(new Bad("intake", "body " + abbreviate(body), json(null, path, body), 400, "body"));
    }
    for (String number : List.of("01", "-01", "00.5", "0123456789")) {
      cases.add(new Bad("intake", "lon written " + number, json(null, path, reportWith("lon", number)), 400, "lon"));
    }
    MALFORMED_UTF8.forEach((name, bad) -> cases.add(new Bad("intake", "malformed UTF-8 " + name,
        post(null, path, "application/json", bytes(reportWith("description", "\"a{RAW}b\""), bad)), 400, "body")));
    for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
      cases.add(new Bad("intake", "Content-Type " + type,
          post(null, path, type, validReport("CITIZEN").getBytes(StandardCharsets.UTF_8)), 415, "Content-Type"));
    }
    cases.addAll(multipartCases("intake", path, "report", validReport("CITIZEN"), "source"));
    cases.add(new Bad("intake", "Idempotency-Key with a space",
        () -> send(request(null, path).header("Content-Type", "application/json").header("Idempotency-Key", "a b")
            .POST(HttpRequest.BodyPublishers.ofString(validReport("CITIZEN"))).build()), 400, "Idempotency-Key"));
    return run(cases);
  }

  /** Multipart refusals shared by the intake and the actions. */
  List<Bad> multipartCases(String family, String path, String part, String validJson, String someField) {
    List<Bad> cases = new ArrayList<>();
    String user = family.equals("intake") ? null : "operator-street";
    byte[] png = TestImages.png(4, 3);
    byte[] body = multipart("b0undary", List.of(
        new Part(part, null, "application/json", validJson.getBytes(StandardCharsets.UTF_8)), new Part("photos", "a.png", "image/png", png)));
    cases.add(new Bad(family, "multipart without boundary", post(user, path, "multipart/form-data", body), 400, "Content-Type"));
    // A body in which the declared boundary never occurs holds no parts: the JSON part is missing.
    cases.add(new Bad(family, "multipart with another boundary", post(user, path, "multipart/form-data; boundary=other", body), 400, part));
    String longBoundary = "b".repeat(5000);
    cases.add(new Bad(family, "multipart with a 5 KB boundary",
        post(user, path, "multipart/form-data; boundary=" + longBoundary,
            multipart(longBoundary, List.of(new Part(part, null, "application/json", validJson.getBytes(StandardCharsets.UTF_8))))),
        400, "Content-Type"));
    for (int cut : new int[] {10, 60, 150, body.length - 10}) {
      cases.add(new Bad(family, "multipart truncated at " + cut,
          post(user, path, "multipart/form-data; boundary=b0undary", java.util.Arrays.copyOf(body, cut)), 400, cut < 20 ? part : "body"));
    }
    for (String name : List.of("a\u0000.png", "a.png\u0000.html", "x\u0000/../../etc/passwd")) {
      cases.add(new Bad(family, "photo file name with NUL " + abbreviate(name),
          post(user, path, "multipart/form-data; boundary=b0undary", multipart("b0undary", List.of(
              new Part(part, null, "application/json", validJson.getBytes(StandardCharsets.UTF_8)),
              new Part("photos", name, "image/png", png)))),
          400, "photos"));
    }
    cases.add(new Bad(family, "no " + part + " part", multipartPost(user, path, null, null, List.of(png)), 400, part));
    cases.add(new Bad(family, part + " part not JSON", multipartPost(user, path, part, "{", List.of()), 400, part));
    cases.add(new Bad(family, part + " part with a duplicate key",
        multipartPost(user, path, part, duplicated(validJson, someField, "\"x\""), List.of()), 400, someField));
    cases.add(new Bad(family, part + " part with an unknown field",
        multipartPost(user, path, part, duplicated(validJson, "foo", "1"), List.of()), 400, "foo"));
    cases.add(new Bad(family, "photo that is text", multipartPost(user, path, part, validJson, List.of("hello".getBytes())), 400, "photos[0]"));
    cases.add(new Bad(family, "photo that is HTML named .png",
        multipartPost(user, path, part, validJson, List.of(png, "<html><script>alert(1)</script>".getBytes())), 400, "photos[1]"));
    cases.add(new Bad(family, "photo with PNG magic and no header",
        multipartPost(user, path, part, validJson, List.of(java.util.Arrays.copyOf(png, 16))), 400, "photos[0]"));
    cases.add(new Bad(family, "PNG of 50,000 × 50,000 pixels",
        multipartPost(user, path, part, validJson, List.of(pngHeader(50_000, 50_000))), 400, "photos[0]"));
    cases.add(new Bad(family, "PNG of 10,000 × 5,001 pixels",
        multipartPost(user, path, part, validJson, List.of(png, pngHeader(10_000, 5_001))), 400, "photos[1]"));
    cases.add(new Bad(family, "JPEG of 65,000 × 65,000 pixels",
        multipartPost(user, path, part, validJson, List.of(jpegHeader(65_000, 65_000))), 400, "photos[0]"));
    cases.add(new Bad(family, "WebP of 16,384 × 16,384 pixels",
        multipartPost(user, path, part, validJson, List.of(webpHeader(16_384, 16_384))), 400, "photos[0]"));
    cases.add(new Bad(family, "seven photos",
        multipartPost(user, path, part, validJson, java.util.Collections.nCopies(7, png)), 400, "photos"));
    byte[] big = java.util.Arrays.copyOf(png, 5 * 1024 * 1024 + 1);
    cases.add(new Bad(family, "photo of 5 MB + 1 byte", multipartPost(user, path, part, validJson, List.of(big)), 400, "photos[0]"));
    cases.add(new Bad(family, "multipart of 100 MB by Content-Length",
        raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + (user == null ? "X-Forwarded-For: " + citizenAddress() + "\r\n" : "Authorization: Bearer " + Api.as(port, user).token() + "\r\n")
                + "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 104857600\r\n\r\n",
            java.util.Arrays.copyOf(body, 100)),
        413, "photos"));
    cases.add(new Bad(family, "multipart of unknown length (chunked)",
        () -> send(request(user, path).header("Content-Type", "multipart/form-data; boundary=b0undary")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build()),
        411, "Content-Length"));
    return cases;
  }

  static String abbreviate(String s) {
    String shown = s.replace("\u0000", "\\0");
    return shown.length() > 24 ? shown.substring(0, 20) + "…(" + shown.length() + ")" : shown;
  }

  // --- actions --------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> actions() {
    List<Bad> cases = new ArrayList<>();
    String path = "/api/incidents/" + dispatched + "/actions";
    String user = "operator-street";
    for (String id : BAD_IDS) {
      cases.add(new Bad("actions", "case id " + id, json(user, "/api/incidents/" + id + "/actions", "{\"action\":\"ACCEPT\"}"), 400, "id"));
    }
    for (String action : List.of("\"\"", "\"FOO\"", "{}", "[]", "\"accept;drop\"")) {
      cases.add(new Bad("actions", "action = " + action, json(user, path, "{\"action\":" + action + "}"), 400, "action"));
    }
    String extend = "{\"action\":\"EXTEND\",\"reason\":\"等材料\",\"dueAt\":%s}";
    List<String> dues = new ArrayList<>();
    for (String instant : BAD_INSTANTS) {
      dues.add("\"" + instant + "\"");
    }
    dues.addAll(List.of("\"9999-12-31T00:00:00Z\"", "\"2020-01-01T00:00:00Z\"", "\"" + Instant.now().minusSeconds(60) + "\"",
        "\"" + Instant.now().plus(Duration.ofDays(400)) + "\"", "{}", "[]", "true", "\"\""));
    for (String due : dues) {
      cases.add(new Bad("actions", "EXTEND dueAt = " + abbreviate(due), json(user, path, extend.formatted(due)), 400, "dueAt"));
    }
    for (String s : List.of("5.5", "1.5", "4.000001", "\"x\"", "{}", "[]", "1e10", "99999999999", "true")) {
      cases.add(new Bad("actions", "FOLLOW_UP satisfaction = " + s,
          json(user, path, "{\"action\":\"FOLLOW_UP\",\"satisfaction\":" + s + "}"), 400, "satisfaction"));
    }
    for (String v : List.of("\"abc\"", "1.5", "99999999999999999999", "{}", "[]")) {
      cases.add(new Bad("actions", "MERGE intoId = " + v, json(user, path, "{\"action\":\"MERGE\",\"intoId\":" + v + "}"), 400, "intoId"));
    }
    for (String v : List.of("1.5", "\"x\"", "9999999999", "{}")) {
      cases.add(new Bad("actions", "WHISTLE workingHours = " + v,
          json(user, path, "{\"action\":\"WHISTLE\",\"departmentCodes\":[\"01\"],\"workingHours\":" + v + "}"), 400, "workingHours"));
    }
    for (String v : List.of("\"01\"", "{}", "[{}]", "[[]]")) {
      cases.add(new Bad("actions", "WHISTLE departmentCodes = " + v,
          json(user, path, "{\"action\":\"WHISTLE\",\"departmentCodes\":" + v + "}"), 400, v.startsWith("[") ? "departmentCodes[0]" : "departmentCodes"));
    }
    String valid = "{\"action\":\"EXTEND\",\"reason\":\"等材料\",\"dueAt\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}";
    for (String field : List.of("action", "reason", "dueAt")) {
      cases.add(new Bad("actions", "duplicate " + field, json(user, path, duplicated(valid, field, "\"x\"")), 400, field));
    }
    for (String unknown : UNKNOWN_FIELDS) {
      cases.add(new Bad("actions", "unknown field " + unknown, json(user, path, duplicated(valid, unknown, "1")), 400, unknown));
    }
    MALFORMED_UTF8.forEach((name, bad) -> cases.add(new Bad("actions", "malformed UTF-8 " + name,
        post(user, path, "application/json", bytes("{\"action\":\"EXTEND\",\"reason\":\"{RAW}\"}", bad)), 400, "body")));
    cases.addAll(multipartCases("actions", path, "action", "{\"action\":\"HANDLE\",\"note\":\"已处理\"}", "note"));
    return run(cases);
  }

  // --- lists ----------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> lists() {
    List<Bad> cases = new ArrayList<>();
    String user = "operator-city";
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("page", List.of("-1", "x", "0x10", "1.5", "99999999999", "4294968&size=500", "2147483647&size=2", "4294967&size=500"));
    params.put("size", List.of("0", "501", "-1", "x", "0x10", "1e2"));
    params.put("sort", List.of("foo", "reportedAt,up", "a,b,c", "id;drop table incident"));
    params.put("bbox", List.of("1,2,3", "a,b,c,d", "200,0,201,1", "1,2,3,4,5", "NaN,0,1,1", "1e400,0,1,1"));
    params.put("area", List.of("abc", "0x10", "1234567890123456", "1'--"));
    params.put("grid", List.of("abc", "1 2"));
    params.put("status", List.of("FOO", "OPEN,BAR"));
    params.put("risk", List.of("EXTREME"));
    params.put("source", List.of("HACKER"));
    params.put("category", List.of("x", "0x10"));
    params.put("from", List.of(BAD_INSTANTS));
    params.put("to", List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "soon"));
    params.put("format", List.of("xml", "csv"));
    params.put("number", List.of("123", "0x10", "2026010100001x"));
    params.forEach((name, values) -> values.forEach(v -> {
      String value = v.contains("&") ? q(v.substring(0, v.indexOf('&'))) + v.substring(v.indexOf('&')) : q(v);
      cases.add(new Bad("lists", "incidents " + name + "=" + v, get(user, "/api/incidents?" + name + "=" + value), 400, name));
    }));
    for (String limit : List.of("0", "50001", "x", "0x10", "-5", "99999999999")) {
      cases.add(new Bad("lists", "points limit=" + limit, get(user, "/api/incidents/points?limit=" + q(limit)), 400, "limit"));
    }
    for (String from : List.of("+999999999-12-31T23:59:59Z", "x")) {
      cases.add(new Bad("lists", "points from=" + from, get(user, "/api/incidents/points?from=" + q(from)), 400, "from"));
    }
    for (String id : BAD_IDS) {
      cases.add(new Bad("lists", "incident id " + id, get(user, "/api/incidents/" + id), 400, "id"));
      cases.add(new Bad("lists", "timeline id " + id, get(user, "/api/incidents/" + id + "/timeline"), 400, "id"));
    }
    cases.add(new Bad("lists", "photo id 0x1", get(user, "/api/incidents/" + dispatched + "/photos/0x1"), 400, "photoId"));
    for (String page : List.of("-1", "x", "2147483647", "0x10")) {
      cases.add(new Bad("lists", "inbox page=" + page, get(user, "/api/inbox?page=" + q(page)), 400, "page"));
    }
    for (String size : List.of("0", "201", "x")) {
      cases.add(new Bad("lists", "inbox size=" + size, get(user, "/api/inbox?size=" + q(size)), 400, "size"));
    }
    for (String page : List.of("-1", "2147483647", "0x1")) {
      cases.add(new Bad("lists", "audit page=" + page, get("admin", "/api/audit?page=" + q(page)), 400, "page"));
    }
    for (String id : List.of("abc", "0x10", "-", "1.5", "99999999999999999999")) {
      cases.add(new Bad("lists", "live Last-Event-ID " + id, get(user, "/api/live", Map.of("Last-Event-ID", id)), 400, "Last-Event-ID"));
    }
    return run(cases);
  }

  // --- OGC API Features -----------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> ogc() {
    List<Bad> cases = new ArrayList<>();
    String user = "operator-city";
    String items = "/ogc/collections/incidents/items";
    List<String> datetimes = new ArrayList<>(List.of(BAD_INSTANTS));
    datetimes.addAll(List.of("+999999999-12-31", "-999999999-01-01", "+999999999-12-31T23:59:59Z/..", "../-999999999-01-01T00:00:00Z",
        "2026-01-02T00:00:00Z/2026-01-01T00:00:00Z", "a/b/c", "2026-02-30"));
    for (String d : datetimes) {
      cases.add(new Bad("ogc", "datetime=" + d, get(user, items + "?datetime=" + q(d)), 400, "datetime"));
    }
    // (A limit above the maximum is not an error in OGC API Features: the server uses its maximum.)
    for (String limit : List.of("0", "-1", "x", "0x10", "1.5")) {
      cases.add(new Bad("ogc", "limit=" + limit, get(user, items + "?limit=" + q(limit)), 400, "limit"));
    }
    for (String offset : List.of("-1", "x", "0x10", "99999999999999999999", "1.5")) {
      cases.add(new Bad("ogc", "offset=" + offset, get(user, items + "?offset=" + q(offset)), 400, "offset"));
    }
    for (String bbox : List.of("1,2,3", "a,b,c,d", "200,0,201,1", "0,100,1,101", "NaN,0,1,1")) {
      cases.add(new Bad("ogc", "bbox=" + bbox, get(user, items + "?bbox=" + q(bbox)), 400, "bbox"));
    }
    cases.add(new Bad("ogc", "bbox-crs=foo", get(user, items + "?bbox=1,1,2,2&bbox-crs=foo"), 400, "bbox-crs"));
    cases.add(new Bad("ogc", "f=xml", get(user, items + "?f=xml"), 400, "f"));
    cases.add(new Bad("ogc", "datetime on grids", get(user, "/ogc/collections/grids/items?datetime=2026-01-01T00:00:00Z"), 400, "datetime"));
    return run(cases);
  }

  // --- Open311 --------------------------------------------------------------------------------------

  Supplier<Answer> open311Form(Map<String, String> fields) {
    var form = new StringBuilder();
    fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(q(k)).append('=').append(q(v)));
    return post(null, "/open311/v2/requests.json", "application/x-www-form-urlencoded", form.toString().getBytes(StandardCharsets.UTF_8));
  }

  Map<String, String> open311Valid() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("api_key", OPEN311_KEY);
    f.put("service_code", category);
    f.put("lat", Double.toString(lat));
    f.put("long", Double.toString(lon));
    f.put("description", "坏输入测试");
    return f;
  }

  @TestFactory
  Stream<DynamicTest> open311() {
    List<Bad> cases = new ArrayList<>();
    Map<String, List<String>> wrong = new LinkedHashMap<>();
    wrong.put("lat", List.of("abc", "91", "-91", "NaN", "Infinity", "1e400", "0x10", "1,5", "--1"));
    wrong.put("long", List.of("abc", "181", "-181", "NaN", "-Infinity", "0x10"));
    wrong.put("service_code", List.of("999", "x", "0x10"));
    wrong.put("media_url", List.of("javascript:alert(1)", "ftp://x/y", "http://" + "a".repeat(1000), "http://a b"));
    wrong.forEach((field, values) -> values.forEach(v -> {
      var f = open311Valid();
      f.put(field, v);
      cases.add(new Bad("open311", "POST " + field + "=" + abbreviate(v), open311Form(f), 400, field));
    }));
    // Outside the city: what a citizen app sends from elsewhere.
    for (double[] p : new double[][] {{0, 0}, {-73.98, 40.75}, {lat + 5, lon}, {lat, lon + 5}}) {
      var f = open311Valid();
      f.put("lat", Double.toString(p[0]));
      f.put("long", Double.toString(p[1]));
      cases.add(new Bad("open311", "POST outside the city " + p[0] + "," + p[1], open311Form(f), 400, "lat/long"));
    }
    var noKey = open311Valid();
    noKey.remove("api_key");
    cases.add(new Bad("open311", "POST without api_key", open311Form(noKey), 400, "api_key"));
    var wrongKey = open311Valid();
    wrongKey.put("api_key", "not-a-key-of-this-server");
    cases.add(new Bad("open311", "POST with an unknown api_key", open311Form(wrongKey), 403, "api_key"));
    String json = "{\"api_key\":\"" + OPEN311_KEY + "\",\"service_code\":\"" + category + "\",\"lat\":" + lat + ",\"long\":" + lon + "}";
    cases.add(new Bad("open311", "POST JSON with a duplicate lat",
        json(null, "/open311/v2/requests.json", duplicated(json, "lat", "0")), 400, "lat"));
    MALFORMED_UTF8.forEach((name, bad) -> cases.add(new Bad("open311", "POST JSON malformed UTF-8 " + name,
        post(null, "/open311/v2/requests.json", "application/json",
            bytes(duplicated(json, "description", "\"{RAW}\""), bad)), 400, "body")));
    for (String field : List.of("start_date", "end_date")) {
      for (String v : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00+08:00", "+10000-01-01T00:00:00Z", "yesterday", "2026-02-30T00:00:00Z")) {
        cases.add(new Bad("open311", "GET " + field + "=" + v,
            get(null, "/open311/v2/requests.json?api_key=" + OPEN311_KEY + "&" + field + "=" + q(v)), 400, field));
        cases.add(new Bad("open311", "GET xml " + field + "=" + v,
            get(null, "/open311/v2/requests.xml?api_key=" + OPEN311_KEY + "&" + field + "=" + q(v)), 400, field));
      }
    }
    cases.add(new Bad("open311", "GET status=maybe", get(null, "/open311/v2/requests.json?api_key=" + OPEN311_KEY + "&status=maybe"), 400, "status"));
    for (String id : List.of("0x10", "123", "2026010100001x")) {
      cases.add(new Bad("open311", "GET service_request_id=" + id,
          get(null, "/open311/v2/requests.json?api_key=" + OPEN311_KEY + "&service_request_id=" + q(id)), 400, "service_request_id"));
    }
    return run(cases);
  }

  // --- imports --------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> imports() {
    List<Bad> cases = new ArrayList<>();
    String user = "admin";
    byte[] geojson = "{\"type\":\"FeatureCollection\",\"features\":[]}".getBytes(StandardCharsets.UTF_8);
    for (String name : List.of("a\u0000.geojson", "\u0000", "x.geojson\u0000.exe")) {
      cases.add(new Bad("imports", "file name with NUL " + abbreviate(name),
          post(user, "/api/imports", "multipart/form-data; boundary=b0undary",
              multipart("b0undary", List.of(new Part("file", name, "application/geo+json", geojson)))),
          400, "file"));
    }
    byte[] ok = multipart("b0undary", List.of(new Part("file", "a.geojson", "application/geo+json", geojson)));
    cases.add(new Bad("imports", "multipart without boundary", post(user, "/api/imports", "multipart/form-data", ok), 400, "Content-Type"));
    String longBoundary = "c".repeat(5000);
    cases.add(new Bad("imports", "multipart with a 5 KB boundary",
        post(user, "/api/imports", "multipart/form-data; boundary=" + longBoundary,
            multipart(longBoundary, List.of(new Part("file", "a.geojson", "application/geo+json", geojson)))),
        400, "Content-Type"));
    cases.add(new Bad("imports", "multipart truncated",
        post(user, "/api/imports", "multipart/form-data; boundary=b0undary", java.util.Arrays.copyOf(ok, 80)), 400, "body"));
    cases.add(new Bad("imports", "no file part",
        post(user, "/api/imports", "multipart/form-data; boundary=b0undary",
            multipart("b0undary", List.of(new Part("other", null, "text/plain", geojson)))), 400, "file"));
    for (String name : List.of("a.exe", "a", "a.geojson.exe")) {
      cases.add(new Bad("imports", "file type " + name,
          post(user, "/api/imports", "multipart/form-data; boundary=b0undary",
              multipart("b0undary", List.of(new Part("file", name, "application/octet-stream", geojson)))), 400, "file"));
    }
    String dryRun = "/api/imports/" + UUID.randomUUID() + "/dry-run";
    String valid = "{\"layers\":[],\"repair\":false,\"onExisting\":\"SKIP\"}";
    for (String field : List.of("layers", "repair", "onExisting")) {
      cases.add(new Bad("imports", "dry run duplicate " + field, json(user, dryRun, duplicated(valid, field, "null")), 400, field));
    }
    for (String unknown : UNKNOWN_FIELDS) {
      cases.add(new Bad("imports", "dry run unknown field " + unknown, json(user, dryRun, duplicated(valid, unknown, "1")), 400, unknown));
    }
    cases.add(new Bad("imports", "dry run repair = \"maybe\"", json(user, dryRun, "{\"repair\":\"maybe\"}"), 400, "repair"));
    cases.add(new Bad("imports", "dry run repair = 2.5", json(user, dryRun, "{\"repair\":2.5}"), 400, "repair"));
    cases.add(new Bad("imports", "dry run layers = \"x\"", json(user, dryRun, "{\"layers\":\"x\"}"), 400, "layers"));
    cases.add(new Bad("imports", "dry run layer with unknown field",
        json(user, dryRun, "{\"layers\":[{\"layer\":\"a\",\"kind\":\"AREA\",\"colour\":\"red\"}]}"), 400, "layers[0].colour"));
    cases.add(new Bad("imports", "dry run layer columns = 1",
        json(user, dryRun, "{\"layers\":[{\"layer\":\"a\",\"columns\":1}]}"), 400, "layers[0].columns"));
    MALFORMED_UTF8.forEach((name, bad) -> cases.add(new Bad("imports", "dry run malformed UTF-8 " + name,
        post(user, dryRun, "application/json", bytes("{\"onExisting\":\"{RAW}\"}", bad)), 400, "body")));
    return run(cases);
  }

  // --- plans ----------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> plans() {
    List<Bad> cases = new ArrayList<>();
    String user = "planner-district";
    String area = jdbc.queryForObject("SELECT area_code FROM app_user WHERE username = 'planner-district'", String.class);
    String valid = "{\"areaCode\":\"" + area + "\",\"name\":\"坏输入\",\"from\":\"2026-01-01T00:00:00Z\"}";
    for (String field : List.of("areaCode", "name", "from")) {
      cases.add(new Bad("plans", "duplicate " + field, json(user, "/api/plans", duplicated(valid, field, "\"x\"")), 400, field));
    }
    for (String unknown : UNKNOWN_FIELDS) {
      cases.add(new Bad("plans", "unknown field " + unknown, json(user, "/api/plans", duplicated(valid, unknown, "1")), 400, unknown));
    }
    for (String from : BAD_INSTANTS) {
      cases.add(new Bad("plans", "from=" + from,
          json(user, "/api/plans", "{\"areaCode\":\"" + area + "\",\"name\":\"x\",\"from\":\"" + from + "\"}"), 400, "from"));
    }
    for (String v : List.of("{}", "[]", "1", "true")) {
      cases.add(new Bad("plans", "name=" + v, json(user, "/api/plans", "{\"areaCode\":\"" + area + "\",\"name\":" + v + "}"), 400, "name"));
    }
    for (String body : List.of("[]", "1", "{", "\"x\"", "{}}")) {
      cases.add(new Bad("plans", "body " + body, json(user, "/api/plans", body), 400, "body"));
    }
    MALFORMED_UTF8.forEach((name, bad) -> cases.add(new Bad("plans", "malformed UTF-8 " + name,
        post(user, "/api/plans", "application/json", bytes("{\"areaCode\":\"" + area + "\",\"name\":\"{RAW}\"}", bad)), 400, "body")));
    for (String id : BAD_IDS) {
      cases.add(new Bad("plans", "plan id " + id, get(user, "/api/plans/" + id), 400, "id"));
      cases.add(new Bad("plans", "publish plan id " + id,
          json(user, "/api/plans/" + id + "/publish", "{\"validFrom\":\"2026-01-01T00:00:00Z\"}"), 400, "id"));
    }
    for (String at : BAD_INSTANTS) {
      cases.add(new Bad("plans", "grids at=" + at, get(user, "/api/plans/grids?areaCode=" + area + "&at=" + q(at)), 400, "at"));
    }
    return run(cases);
  }

  // --- auth -----------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> auth() {
    List<Bad> cases = new ArrayList<>();
    String[] authorizations = {
      "Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString("nobody:x".getBytes()), "Basic", "Bearer ",
      "Bearer wg_nonsense", "Bearer " + "x".repeat(4000), "Digest username=x", "basic YWRtaW4=", "Bearer wg_\u00e9"
    };
    for (String a : authorizations) {
      cases.add(new Bad("auth", "Authorization " + abbreviate(a), get(null, "/api/incidents", Map.of("Authorization", a)), 401, "Authorization"));
    }
    cases.add(new Bad("auth", "no credentials", get(null, "/api/incidents"), 401, "Authorization"));
    String users = "/api/admin/users";
    String valid = "{\"username\":\"bad-input-user\",\"displayName\":\"x\",\"password\":\"a-long-password-1\",\"role\":\"OPERATOR\",\"areaCode\":\"01\"}";
    for (String field : List.of("username", "password", "role")) {
      cases.add(new Bad("auth", "new user duplicate " + field, json("admin", users, duplicated(valid, field, "\"x\"")), 400, field));
    }
    for (String unknown : UNKNOWN_FIELDS) {
      cases.add(new Bad("auth", "new user unknown field " + unknown, json("admin", users, duplicated(valid, unknown, "1")), 400, unknown));
    }
    cases.add(new Bad("auth", "new user role GOD",
        json("admin", users, valid.replace("\"OPERATOR\"", "\"GOD\"")), 400, "role"));
    cases.add(new Bad("auth", "new user role {}", json("admin", users, valid.replace("\"OPERATOR\"", "{}")), 400, "role"));
    for (String expires : List.of("+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "x", "{}")) {
      String v = expires.startsWith("{") ? expires : "\"" + expires + "\"";
      cases.add(new Bad("auth", "token expiresAt " + expires,
          json("admin", users + "/operator-city/tokens", "{\"name\":\"t\",\"expiresAt\":" + v + "}"), 400, "expiresAt"));
    }
    cases.add(new Bad("auth", "token unknown field", json("admin", users + "/operator-city/tokens", "{\"name\":\"t\",\"scope\":\"all\"}"), 400, "scope"));
    return run(cases);
  }

  @Test
  void anAnonymousRequestRefusedWith401LeavesNoSession() {
    for (String path : List.of("/api/incidents", "/api/inbox", "/ogc/collections", "/api/admin/users")) {
      Answer a = get(null, path).get();
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.headers().getOrDefault("set-cookie", List.of())).noneMatch(c -> c.startsWith("JSESSIONID"));
    }
    Answer wrong = get(null, "/api/incidents", Map.of("Authorization", Api.basic("nobody", "x"))).get();
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.headers().getOrDefault("set-cookie", List.of())).noneMatch(c -> c.startsWith("JSESSIONID"));
  }

  @Test
  void aStaleSessionCookieDoesNotStopAnAnonymousReportOrAnOpen311Post() {
    long before = jdbc.queryForObject("SELECT count(*) FROM incident", Long.class);
    Answer report = send(request(null, "/api/incidents").header("Content-Type", "application/json")
        .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF")
        .POST(HttpRequest.BodyPublishers.ofString(validReport("CITIZEN"))).build());
    assertThat(report.status()).as(report.body()).isEqualTo(201);
    var form = new StringBuilder();
    open311Valid().forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(q(k)).append('=').append(q(v)));
    Answer open311 = send(request(null, "/open311/v2/requests.json").header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", "JSESSIONID=FEDCBA9876543210FEDCBA9876543210")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
    assertThat(open311.status()).as(open311.body()).isEqualTo(201);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM incident", Long.class)).isEqualTo(before + 2);
  }

  @Test
  void anAuthorizationHeaderDoesNotExcuseALiveSessionFromCsrf() throws Exception {
    var cookies = new java.net.CookieManager();
    var browser = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    String base = "http://localhost:" + port;
    browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(), HttpResponse.BodyHandlers.ofString());
    String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
    var login = browser.send(
        HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("username=operator-street&password=" + q(Api.DEMO_PASSWORD) + "&_csrf=" + q(xsrf)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    Map<String, Object> before = state();
    String extend = "{\"action\":\"EXTEND\",\"reason\":\"x\",\"dueAt\":\"" + Instant.now().plus(Duration.ofDays(20)) + "\"}";
    for (String authorization : List.of("Basic " + java.util.Base64.getEncoder().encodeToString("nobody:x".getBytes()), "Bearer nonsense", "x")) {
      var forged = browser.send(
          HttpRequest.newBuilder(URI.create(base + "/api/incidents/" + dispatched + "/actions"))
              .header("Content-Type", "application/json").header("Authorization", authorization)
              .POST(HttpRequest.BodyPublishers.ofString(extend)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(forged.statusCode()).as(authorization + ": " + forged.body()).isEqualTo(403);
      assertThat(forged.body()).contains("CSRF");
    }
    assertThat(state()).isEqualTo(before);
  }

  // --- requests Tomcat refuses before Spring sees them -------------------------------------------------

  @TestFactory
  Stream<DynamicTest> http() {
    List<Bad> cases = new ArrayList<>();
    String token = "Authorization: Bearer " + Api.as(port, "operator-city").token() + "\r\n";
    for (String base : List.of("/api/incidents", "/ogc/collections", "/open311/v2/services.json", "/api/imports", "/api/plans")) {
      for (String bad : List.of("/%2F1", "/1%00", "/..;/x", "/%2e%2e;/x", "/a%5Cb", "/%252F", "/;jsessionid=1/../x")) {
        cases.add(new Bad("http", base + bad, rawGet(base + bad, token), 400, "path"));
      }
      cases.add(new Bad("http", base + " header of 9 KB", rawGet(base, token + "X-Big: " + "a".repeat(9000) + "\r\n"), 400, "headers"));
      cases.add(new Bad("http", base + " URL of 9 KB", rawGet(base + "?x=" + "a".repeat(9000), token), 400, "headers"));
      cases.add(new Bad("http", base + " 200 headers of 100 bytes",
          rawGet(base, token + ("X-H: " + "b".repeat(95) + "\r\n").repeat(200)), 400, "headers"));
    }
    cases.add(new Bad("http", "space in the path", raw("GET /api/inc idents HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]), 400, "path"));
    cases.add(new Bad("http", "raw byte in the path", raw("GET /api/\u00ffx HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", new byte[0]), 400, "path"));
    cases.add(new Bad("http", "bad header name", raw("GET /api/incidents HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\nConnection: close\r\n\r\n", new byte[0]), 400, "headers"));
    return run(cases);
  }
}
