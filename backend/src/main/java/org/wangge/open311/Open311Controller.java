package org.wangge.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.address.AddressService;
import org.wangge.incident.PartnerReports;
import org.wangge.incident.PartnerReports.PartnerCase;
import org.wangge.incident.PartnerReports.ServiceType;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.security.ReceiptTokens;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under {@code /open311/v2}, in
 * {@code .json} and {@code .xml}. See the package description and README, "Open311".
 */
@RestController
@RequestMapping("/open311/v2")
class Open311Controller {

  private static final Pattern NUMBER = Pattern.compile("\\d{13}");
  private static final int MAX_REQUESTS = 1000;
  private static final Duration DEFAULT_SPAN = Duration.ofDays(90);
  private static final int MAX_MEDIA_URL = 1000;
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");
  private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[(.{1,100})]");
  /** Intake's field names → Open311's. */
  private static final Map<String, String> FIELDS =
      Map.of(
          "lon", "long",
          "lat", "lat",
          "location", "lat",
          "categoryCode", "service_code",
          "description", "description",
          "reporterName", "first_name",
          "reporterPhone", "phone",
          "addressCode", "address_id",
          "addressText", "address_string");
  /** What a reporter reads for each kind of timeline entry. */
  private static final Map<String, String> STATUS_NOTES =
      Map.ofEntries(
          Map.entry("REPORT", "已受理，已按位置分派"),
          Map.entry("DISPATCH", "已派遣处置人员"),
          Map.entry("ACCEPT", "处置人员已接单"),
          Map.entry("START", "正在处置"),
          Map.entry("HANDLE", "已处置，待核查结案"),
          Map.entry("CLOSE", "已结案"),
          Map.entry("FOLLOW_UP", "已结案并回访"),
          Map.entry("RETURN", "正在重新派遣"),
          Map.entry("ESCALATE", "已提交上级处置"),
          Map.entry("REOPEN", "核查未通过，重新处置"),
          Map.entry("EXTEND", "处置时限已延长"),
          Map.entry("CANCEL", "已撤销"),
          Map.entry("WHISTLE", "已请相关部门协同处置"),
          Map.entry("WHISTLE_DONE", "相关部门已完成协同处置"),
          Map.entry("MERGE", "与同一问题的报告合并处置"),
          Map.entry("MERGED_IN", "已合并同一问题的其他报告"),
          Map.entry("URGE", "已督办"));

  private final PartnerReports reports;
  private final Open311Clients clients;
  private final CurrentUser currentUser;
  private final ReceiptTokens receipts;
  private final AreaService areas;
  private final AddressService addresses;
  private final TeamService teams;
  private final JsonMapper json;
  private final ZoneId zone;

  Open311Controller(
      PartnerReports reports,
      Open311Clients clients,
      CurrentUser currentUser,
      ReceiptTokens receipts,
      AreaService areas,
      AddressService addresses,
      TeamService teams,
      JsonMapper json,
      @Value("${wangge.calendar.zone:Asia/Shanghai}") String zone) {
    this.reports = reports;
    this.clients = clients;
    this.currentUser = currentUser;
    this.receipts = receipts;
    this.areas = areas;
    this.addresses = addresses;
    this.teams = teams;
    this.json = json;
    this.zone = ZoneId.of(zone);
  }

  /** A request Open311 answers with an error: the status and the field at fault. */
  static final class Open311Exception extends RuntimeException {
    final HttpStatus status;
    final String field;

    Open311Exception(HttpStatus status, String field, String message) {
      super(message);
      this.status = status;
      this.field = field;
    }
  }

  // --- discovery and services --------------------------------------------------------------------

  @GetMapping("/discovery.{format}")
  ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
    Format f = Format.of(format);
    String base = request.getRequestURL().toString();
    base = base.substring(0, base.indexOf("/open311/v2/") + "/open311/v2/".length());
    var endpoint = new LinkedHashMap<String, Object>();
    endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
    endpoint.put("url", base);
    endpoint.put("changeset", "2026-12-01T00:00:00Z");
    endpoint.put("type", "production");
    endpoint.put("formats", List.of("application/json", "text/xml"));
    var discovery = new LinkedHashMap<String, Object>();
    discovery.put("changeset", "2026-12-01T00:00:00Z");
    discovery.put("contact", "Wangge grid governance centre (README, \"Open311\")");
    discovery.put("key_service", "Ask the city's Wangge administrator for an api_key (wangge.open311.clients.<name>.api-key).");
    discovery.put("endpoints", List.of(endpoint));
    return f == Format.JSON ? jsonResponse(HttpStatus.OK, discovery) : xmlResponse(HttpStatus.OK, Open311Xml.writeOne("discovery", discovery));
  }

  @GetMapping("/services.{format}")
  ResponseEntity<String> services(@PathVariable String format) {
    Format f = Format.of(format);
    List<Map<String, Object>> services = reports.services().stream().map(Open311Controller::service).toList();
    return respond(f, HttpStatus.OK, "services", "service", services);
  }

  @GetMapping("/services/{code}.{format}")
  ResponseEntity<String> serviceDefinition(@PathVariable String code, @PathVariable String format) {
    Format f = Format.of(format);
    ServiceType service = findService(code).orElseThrow(() -> unknownService(HttpStatus.NOT_FOUND, code));
    var definition = new LinkedHashMap<String, Object>();
    definition.put("service_code", service.code());
    List<Map<String, Object>> attributes = new ArrayList<>();
    for (PartnerReports.Attribute a : service.attributes()) {
      attributes.add(attribute(a, attributes.size() + 1));
    }
    definition.put("attributes", attributes);
    return f == Format.JSON
        ? jsonResponse(HttpStatus.OK, definition)
        : xmlResponse(HttpStatus.OK, Open311Xml.writeOne("service_definition", definition));
  }

  private static Map<String, Object> service(ServiceType s) {
    var m = new LinkedHashMap<String, Object>();
    m.put("service_code", s.code());
    m.put("service_name", s.name());
    m.put("description", s.groupName() + " · " + s.name());
    m.put("metadata", !s.attributes().isEmpty());
    m.put("type", "realtime");
    m.put("keywords", s.groupName() + "," + s.name());
    m.put("group", s.groupName());
    return m;
  }

  /**
   * An extra question as an Open311 attribute: yes/no and choices are {@code singlevaluelist}s
   * (yes/no keyed {@code true}/{@code false}), numbers {@code number}, text {@code string}.
   */
  private static Map<String, Object> attribute(PartnerReports.Attribute a, int order) {
    var m = new LinkedHashMap<String, Object>();
    m.put("variable", true);
    m.put("code", a.code());
    String datatype =
        switch (a.type()) {
          case "YES_NO", "CHOICE" -> "singlevaluelist";
          case "NUMBER" -> "number";
          default -> "string";
        };
    m.put("datatype", datatype);
    m.put("required", a.required());
    m.put(
        "datatype_description",
        switch (a.type()) {
          case "YES_NO" -> "true or false";
          case "NUMBER" -> "a number from 0 to 1000000";
          case "CHOICE" -> "one of the values' keys";
          default -> "text of at most 500 characters";
        });
    m.put("order", order);
    m.put("description", a.text() + " (" + a.textEn() + ")");
    List<Map<String, Object>> values = new ArrayList<>();
    if (a.type().equals("YES_NO")) {
      values.add(value("true", "是 (yes)"));
      values.add(value("false", "否 (no)"));
    } else {
      for (String choice : a.choices()) {
        values.add(value(choice, choice));
      }
    }
    m.put("values", values);
    return m;
  }

  /** One value of a list attribute, key first (the same order in JSON and XML every time). */
  private static Map<String, Object> value(String key, String name) {
    var m = new LinkedHashMap<String, Object>();
    m.put("key", key);
    m.put("name", name);
    return m;
  }

  private Optional<ServiceType> findService(String code) {
    return reports.services().stream().filter(s -> s.code().equals(code)).findFirst();
  }

  private static Open311Exception unknownService(HttpStatus status, String code) {
    return new Open311Exception(
        status, "service_code", "'" + code + "' is not a service; GET /open311/v2/services.json lists them");
  }

  // --- requests ----------------------------------------------------------------------------------

  /** POST as Open311 clients send it: form-encoded (or multipart) parameters. */
  @PostMapping("/requests.{format}")
  ResponseEntity<String> postForm(
      @PathVariable String format,
      @RequestParam MultiValueMap<String, String> parameters,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return post(Format.of(format), parameters, idempotencyKey);
  }

  /** The same POST with a JSON object body (query parameters count too). */
  @PostMapping(path = "/requests.{format}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> postJson(
      @PathVariable String format,
      @RequestBody(required = false) Map<String, Object> body,
      @RequestParam MultiValueMap<String, String> query,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    Format f = Format.of(format);
    if (body == null) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, "body", "is missing: send the request's fields form-encoded or as a JSON object");
    }
    var parameters = new LinkedMultiValueMap<String, String>(query);
    body.forEach((k, v) -> {
      if (v != null) {
        parameters.set(k, v.toString());
      }
    });
    return post(f, parameters, idempotencyKey);
  }

  private ResponseEntity<String> post(Format f, MultiValueMap<String, String> p, String idempotencyKey) {
    String client = client(first(p, "api_key"));
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, "Idempotency-Key", "must be 1 to 100 visible ASCII characters (a UUID is a good choice)");
    }
    String code = first(p, "service_code");
    if (code == null) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, "service_code", "is required; GET /open311/v2/services.json lists them");
    }
    ServiceType service = findService(code).orElseThrow(() -> unknownService(HttpStatus.BAD_REQUEST, code));
    String latText = first(p, "lat");
    String longText = first(p, "long");
    Double lat = null;
    Double lon = null;
    String addressId = null;
    String addressString = null;
    if (latText != null || longText != null) {
      if (latText == null) {
        throw new Open311Exception(HttpStatus.BAD_REQUEST, "lat", "is required with long (WGS84 degrees)");
      }
      if (longText == null) {
        throw new Open311Exception(HttpStatus.BAD_REQUEST, "long", "is required with lat (WGS84 degrees)");
      }
      lat = degrees("lat", latText, 90);
      lon = degrees("long", longText, 180);
    } else if ((addressId = first(p, "address_id")) == null && (addressString = first(p, "address_string")) == null) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, "lat", "a location is required: give lat and long (WGS84), address_string or address_id");
    }
    String mediaUrl = first(p, "media_url");
    if (mediaUrl != null && (mediaUrl.length() > MAX_MEDIA_URL || !mediaUrl.matches("(?i)https?://[^\\s<>\"]+"))) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, "media_url", "must be an http(s) URL of at most " + MAX_MEDIA_URL + " characters");
    }
    String description = first(p, "description");
    if (description == null) {
      description = service.name();
    }
    var report =
        new PartnerReports.Report(
            lon, lat, addressId, addressString, service.code(), description,
            personName(first(p, "first_name"), first(p, "last_name")), first(p, "phone"), mediaUrl,
            attributes(p));
    PartnerReports.Filed filed;
    try {
      filed = reports.report(report, client, idempotencyKey, Instant.now());
    } catch (PartnerReports.KeyReusedException e) {
      throw new Open311Exception(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key", e.getMessage());
    }
    PartnerCase c =
        reports.cases(new PartnerReports.Query(client, null, filed.id(), null, null, null, null, null, 1)).getFirst();
    var answer = new LinkedHashMap<String, Object>();
    answer.put("service_request_id", c.number());
    answer.put("token", receipts.issue(c.id()));
    answer.put("service_notice", notice(c));
    answer.put("account_id", null);
    return respond(f, HttpStatus.CREATED, "service_requests", "request", List.of(answer));
  }

  /**
   * The answers given as {@code attribute[code]=value} (Open311's form), sorted by code; {@code
   * null} when none. The values are checked with the report (field {@code answers.<code>}, named
   * {@code attribute[<code>]} in the answer).
   */
  private static Map<String, String> attributes(MultiValueMap<String, String> p) {
    var answers = new java.util.TreeMap<String, String>();
    p.forEach((name, values) -> {
      var m = ATTRIBUTE.matcher(name);
      if (m.matches() && values != null && !values.isEmpty()) {
        if (values.size() > 1) {
          throw new Open311Exception(HttpStatus.BAD_REQUEST, name, "is given " + values.size() + " times; give one value");
        }
        answers.put(m.group(1), values.getFirst());
      }
    });
    return answers.isEmpty() ? null : answers;
  }

  private String notice(PartnerCase c) {
    String agency = agencies(List.of(c)).get(c.id());
    String notice = "已受理，编号 " + c.number() + "，由" + agency + "处置";
    if (c.dueAt() != null) {
      notice += "，预计 " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(c.dueAt().atZone(zone)) + " 前办结";
    }
    return notice + "。";
  }

  @GetMapping("/requests.{format}")
  ResponseEntity<String> requests(
      @PathVariable String format,
      @RequestParam(name = "api_key", required = false) String apiKey,
      @RequestParam(name = "service_request_id", required = false) String ids,
      @RequestParam(name = "service_code", required = false) String serviceCodes,
      @RequestParam(name = "start_date", required = false) String startDate,
      @RequestParam(name = "end_date", required = false) String endDate,
      @RequestParam(name = "status", required = false) String status) {
    Format f = Format.of(format);
    Viewer viewer = viewer(apiKey, null);
    List<String> numbers = null;
    List<String> codes = null;
    Instant from = null;
    Instant to = null;
    Boolean open = null;
    if (ids != null && !ids.isBlank()) {
      // Open311: with service_request_id, every other filter is ignored.
      numbers = new ArrayList<>();
      for (String id : ids.split(",")) {
        numbers.add(number("service_request_id", id.trim()));
      }
    } else {
      if (serviceCodes != null && !serviceCodes.isBlank()) {
        codes = new ArrayList<>();
        for (String code : serviceCodes.split(",")) {
          String c = code.trim();
          codes.add(findService(c).orElseThrow(() -> unknownService(HttpStatus.BAD_REQUEST, c)).code());
        }
      }
      from = date("start_date", startDate);
      to = date("end_date", endDate);
      if (from != null && to != null && from.isAfter(to)) {
        throw new Open311Exception(HttpStatus.BAD_REQUEST, "start_date", "is after end_date");
      }
      if (from == null) {
        from = (to == null ? Instant.now() : to).minus(DEFAULT_SPAN);
      }
      open = status(status);
    }
    List<PartnerCase> cases =
        reports.cases(new PartnerReports.Query(viewer.client, viewer.jurisdiction, null, numbers, codes, from, to, open, MAX_REQUESTS));
    return respond(f, HttpStatus.OK, "service_requests", "request", views(cases));
  }

  @GetMapping("/requests/{id}.{format}")
  ResponseEntity<String> request(
      @PathVariable String id,
      @PathVariable String format,
      @RequestParam(name = "api_key", required = false) String apiKey,
      @RequestParam(name = "token", required = false) String token) {
    Format f = Format.of(format);
    String number = number("service_request_id", id);
    Viewer viewer = viewer(apiKey, token);
    List<PartnerCase> cases =
        reports.cases(
            new PartnerReports.Query(viewer.client, viewer.jurisdiction, viewer.incidentId, List.of(number), null, null, null, null, 1));
    if (cases.isEmpty()) {
      throw new Open311Exception(
          HttpStatus.NOT_FOUND, "service_request_id", "no request " + number + " is visible to this client");
    }
    return respond(f, HttpStatus.OK, "service_requests", "request", views(cases));
  }

  @GetMapping("/tokens/{token}.{format}")
  ResponseEntity<String> token(@PathVariable String token, @PathVariable String format) {
    Format f = Format.of(format);
    var id = receipts.verify(token);
    List<PartnerCase> cases =
        id.isEmpty()
            ? List.of()
            : reports.cases(new PartnerReports.Query(null, null, id.getAsLong(), null, null, null, null, null, 1));
    if (cases.isEmpty()) {
      throw new Open311Exception(HttpStatus.NOT_FOUND, "token", "is not a token this server issued; check that it was copied whole");
    }
    var answer = new LinkedHashMap<String, Object>();
    answer.put("service_request_id", cases.getFirst().number());
    answer.put("token", token);
    return respond(f, HttpStatus.OK, "service_requests", "request", List.of(answer));
  }

  /** Who reads: a client by its key, a citizen by a receipt for one case, or a signed-in user. */
  private record Viewer(String client, Jurisdiction jurisdiction, Long incidentId) {}

  private Viewer viewer(String apiKey, String token) {
    if (apiKey != null) {
      return new Viewer(client(apiKey), null, null);
    }
    if (token != null) {
      long id = receipts.verify(token).orElseThrow(
          () -> new Open311Exception(HttpStatus.FORBIDDEN, "token", "is not a token this server issued"));
      return new Viewer(null, null, id);
    }
    return currentUser
        .jurisdiction()
        .map(j -> new Viewer(null, j, null))
        .orElseThrow(
            () -> new Open311Exception(HttpStatus.BAD_REQUEST, "api_key", "is required (or sign in, or give the request's token)"));
  }

  private String client(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, "api_key", "is required: ask the city's Wangge administrator for one");
    }
    return clients
        .clientFor(apiKey.trim())
        .orElseThrow(() -> new Open311Exception(HttpStatus.FORBIDDEN, "api_key", "is not a key of any Open311 client of this server"));
  }

  private List<Map<String, Object>> views(List<PartnerCase> cases) {
    Map<Long, String> agencies = agencies(cases);
    List<Long> addressIds = cases.stream().map(PartnerCase::addressId).filter(a -> a != null).toList();
    Map<Long, AddressService.AddressLabel> labels = addressIds.isEmpty() ? Map.of() : addresses.labels(addressIds);
    List<Map<String, Object>> views = new ArrayList<>();
    for (PartnerCase c : cases) {
      var label = c.addressId() == null ? null : labels.get(c.addressId());
      var m = new LinkedHashMap<String, Object>();
      m.put("service_request_id", c.number());
      m.put("status", c.status().isOpen() ? "open" : "closed");
      m.put("status_notes", statusNotes(c));
      m.put("service_name", c.categoryName());
      m.put("service_code", c.categoryCode());
      m.put("description", c.description());
      m.put("agency_responsible", agencies.get(c.id()));
      m.put("service_notice", null);
      m.put("requested_datetime", time(c.reportedAt()));
      m.put("updated_datetime", time(c.updatedAt()));
      m.put("expected_datetime", time(c.dueAt()));
      m.put("address", label == null ? null : label.fullText());
      m.put("address_id", label == null ? null : label.code());
      m.put("zipcode", null);
      m.put("lat", c.lat());
      m.put("long", c.lon());
      m.put("media_url", c.mediaUrl());
      views.add(m);
    }
    return views;
  }

  private static String statusNotes(PartnerCase c) {
    if (c.lastAction() == null) {
      return null;
    }
    String note = STATUS_NOTES.getOrDefault(c.lastAction(), c.lastAction().toLowerCase(Locale.ROOT));
    return c.lastNote() == null ? note : note + "：" + c.lastNote();
  }

  /** The department's name when a department handles the case, else the grid's. */
  private Map<Long, String> agencies(List<PartnerCase> cases) {
    Map<String, String> departments = cases.stream().anyMatch(c -> c.departmentCode() != null) ? teams.departmentNames() : Map.of();
    Map<String, String> grids = new HashMap<>();
    Map<Long, String> agencies = new HashMap<>();
    for (PartnerCase c : cases) {
      String agency = null;
      if (c.departmentCode() != null) {
        agency = departments.get(c.departmentCode());
      }
      if (agency == null && c.gridCode() != null) {
        agency = grids.computeIfAbsent(c.gridCode(), g -> areas.findCurrent(g).map(AreaView::name).orElse(g));
      }
      agencies.put(c.id(), agency == null ? "网格化服务管理中心" : agency);
    }
    return agencies;
  }

  private String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime().toString();
  }

  // --- parameters --------------------------------------------------------------------------------

  private static String first(MultiValueMap<String, String> p, String name) {
    String v = p.getFirst(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static double degrees(String field, String text, double limit) {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value) || Math.abs(value) > limit || !text.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?")) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, field, "must be a number between -" + (int) limit + " and " + (int) limit + " (WGS84 degrees), got '" + text + "'");
    }
    return value;
  }

  /** "张" + "三" → "张三"; "Ann" + "Lee" → "Ann Lee". */
  private static String personName(String first, String last) {
    if (first == null || last == null) {
      return first != null ? first : last;
    }
    boolean han = (first + last).codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    return han ? last + first : first + " " + last;
  }

  private static String number(String field, String id) {
    if (!NUMBER.matcher(id).matches()) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, field, "must be a request id of 13 digits (yyyyMMdd + serial), got '" + id + "'");
    }
    return id;
  }

  private static Instant date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(value.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Open311Exception(
          HttpStatus.BAD_REQUEST, field, "must be a W3C date-time such as 2026-11-01T00:00:00+08:00, got '" + value + "'");
    }
    try {
      return InvalidInputException.inRange(field, instant);
    } catch (InvalidInputException e) {
      throw new Open311Exception(HttpStatus.BAD_REQUEST, field, e.getMessage());
    }
  }

  private static Boolean status(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    boolean open = false;
    boolean closed = false;
    for (String s : value.split(",")) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "open" -> open = true;
        case "closed" -> closed = true;
        default -> throw new Open311Exception(HttpStatus.BAD_REQUEST, "status", "must be open, closed or both (comma separated), got '" + value + "'");
      }
    }
    return open && closed ? null : open;
  }

  // --- formats and errors ------------------------------------------------------------------------

  enum Format {
    JSON,
    XML;

    static Format of(String format) {
      return switch (format) {
        case "json" -> JSON;
        case "xml" -> XML;
        default -> throw new Open311Exception(HttpStatus.NOT_FOUND, "format", "'" + format + "' is not a format here: use .json or .xml");
      };
    }
  }

  private ResponseEntity<String> respond(Format f, HttpStatus status, String root, String item, List<? extends Map<String, ?>> items) {
    return f == Format.JSON ? jsonResponse(status, items) : xmlResponse(status, Open311Xml.write(root, item, items));
  }

  private ResponseEntity<String> jsonResponse(HttpStatus status, Object body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
  }

  private static ResponseEntity<String> xmlResponse(HttpStatus status, String xml) {
    return ResponseEntity.status(status).contentType(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8)).body(xml);
  }

  @ExceptionHandler(Open311Exception.class)
  ResponseEntity<String> open311(Open311Exception e, HttpServletRequest request) {
    return error(request, e.status, e.field + ": " + e.getMessage());
  }

  /** A point outside every grid of the city: Open311 answers bad input as 400 naming lat/long. */
  @ExceptionHandler(org.wangge.dispatch.OutsideJurisdictionException.class)
  ResponseEntity<String> outside(org.wangge.dispatch.OutsideJurisdictionException e, HttpServletRequest request) {
    return error(request, HttpStatus.BAD_REQUEST, "lat/long: " + e.getMessage());
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<String> invalid(InvalidInputException e, HttpServletRequest request) {
    String field =
        e.field().startsWith("answers.")
            ? "attribute[" + e.field().substring("answers.".length()) + "]"
            : FIELDS.getOrDefault(e.field(), e.field());
    return error(request, HttpStatus.BAD_REQUEST, field + ": " + e.getMessage());
  }

  @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
  ResponseEntity<String> mediaType(Exception e, HttpServletRequest request) {
    return error(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type: send application/x-www-form-urlencoded, multipart/form-data or application/json");
  }

  private ResponseEntity<String> error(HttpServletRequest request, HttpStatus status, String description) {
    var error = new LinkedHashMap<String, Object>();
    error.put("code", status.value());
    error.put("description", description);
    boolean xml = request.getRequestURI().endsWith(".xml");
    return xml ? xmlResponse(status, Open311Xml.write("errors", "error", List.of(error))) : jsonResponse(status, List.of(error));
  }
}
