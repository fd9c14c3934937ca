package org.wangge.responsibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.Api;
import org.wangge.spatial.Wgs84;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The responsibility list's API over HTTP: versioned edits that change routing and deadlines of new
 * cases only, validation that changes nothing, 409 on a stale version, import and export. Each test
 * works on its own class of nodes (codes 93–99, which the demo list does not use) and retires them
 * afterwards, so that the list in force is the demo's again for the other test classes sharing the
 * database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResponsibilityListContract {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String LIST = "/api/responsibility-list";

  @Value("${local.server.port}")
  int port;

  @Autowired JdbcTemplate jdbc;

  @Autowired org.springframework.transaction.PlatformTransactionManager transactionManager;

  String deptA;
  String deptB;

  @BeforeAll
  void departments() {
    JsonNode departments = json(admin().get("/api/departments"));
    deptA = departments.get(0).get("code").asString();
    deptB = departments.get(1).get("code").asString();
  }

  @AfterAll
  void retireTestNodes() {
    for (String prefix : List.of("99", "98", "97", "96", "95", "94", "93")) {
      List<String> codes = jdbc.queryForList(
          "SELECT code FROM category WHERE retired_in IS NULL AND code LIKE ? ORDER BY LENGTH(code) DESC, code", String.class,
          prefix + "%");
      for (String code : codes) {
        admin().delete(LIST + "/nodes/" + code + "?expectedVersion=" + version());
      }
    }
  }

  // --- helpers ----------------------------------------------------------------------------------

  Api admin() {
    return Api.as(port, "admin");
  }

  static JsonNode json(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return JSON.readTree(response.body());
  }

  int version() {
    return jdbc.queryForObject("SELECT MAX(version) FROM responsibility_list_version", Integer.class);
  }

  long rows() {
    return jdbc.queryForObject("SELECT count(*) FROM category", Long.class)
        + jdbc.queryForObject("SELECT count(*) FROM category_co_department", Long.class);
  }

  static Map<String, Object> node(String code, String level, String parent, String name) {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("code", code);
    n.put("level", level);
    n.put("name", name);
    n.put("nameEn", "Test " + code);
    n.put("parentCode", parent);
    n.put("leadDepartment", null);
    n.put("coDepartments", List.of());
    n.put("gridAdmitted", true);
    n.put("deadlineHours", 24);
    n.put("clockType", "WORKING_HOURS");
    n.put("defaultRisk", "LOW");
    n.put("dedupRadiusMetres", 100);
    n.put("raisesAlarm", false);
    n.put("questions", List.of());
    return n;
  }

  HttpResponse<String> add(Map<String, Object> node) {
    Map<String, Object> body = new LinkedHashMap<>(node);
    body.put("expectedVersion", version());
    return admin().post(LIST + "/nodes", JSON.writeValueAsString(body));
  }

  HttpResponse<String> put(Map<String, Object> node) {
    Map<String, Object> body = new LinkedHashMap<>(node);
    body.putIfAbsent("expectedVersion", version());
    return admin().put(LIST + "/nodes/" + node.get("code"), JSON.writeValueAsString(body));
  }

  /** Adds class {@code cc}, subclass {@code cc01} and item {@code cc0101}; returns the item. */
  Map<String, Object> tree(String cc) {
    assertThat(add(node(cc, "CLASS", null, "测试大类" + cc)).statusCode()).isEqualTo(201);
    assertThat(add(node(cc + "01", "SUBCLASS", cc, "测试小类" + cc)).statusCode()).isEqualTo(201);
    Map<String, Object> item = node(cc + "0101", "ITEM", cc + "01", "测试事项" + cc);
    var response = add(item);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return item;
  }

  JsonNode report(String category) {
    return report(category, null);
  }

  /** Files a case of {@code category}, with {@code answers} to its extra questions when not null. */
  JsonNode report(String category, Map<String, Object> answers) {
    String grid = jdbc.queryForObject(
        "SELECT min(g.grid_code) FROM member m JOIN member_grid g ON g.member_id = m.id"
            + " WHERE m.role = 'FULL_TIME' AND m.on_duty = TRUE", String.class);
    byte[] wkb = jdbc.queryForObject(
        "SELECT ST_AsBinary(boundary) FROM area WHERE code = ? AND valid_to IS NULL", byte[].class, grid);
    Coordinate inside;
    try {
      inside = new WKBReader(Wgs84.FACTORY).read(wkb).getInteriorPoint().getCoordinate();
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("lon", inside.x);
    r.put("lat", inside.y);
    r.put("categoryCode", category);
    r.put("description", "权责清单测试上报");
    r.put("source", "PATROL");
    if (answers != null) {
      r.put("answers", answers);
    }
    var response = Api.as(port, "operator-city").post("/api/incidents", JSON.writeValueAsString(r));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  HttpResponse<String> upload(String path, String filename, byte[] bytes) {
    String boundary = "----wangge" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(bytes);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return Api.send(admin().request(path)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build());
  }

  byte[] export(String format) {
    var response = Api.send(admin().request(LIST + "/export?format=" + format).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  static void assertBad(HttpResponse<String> response, String field, String detailPart) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("field").asString()).as(response.body()).isEqualTo(field);
    assertThat(problem.get("detail").asString()).as(response.body()).contains(detailPart);
  }

  // --- edits change new cases only ---------------------------------------------------------------

  @Test
  void anEditedItemRoutesAndTimesNewCasesWhileExistingCasesKeepTheirRow() {
    Map<String, Object> item = tree("99");
    JsonNode before = report("990101");
    assertThat(before.get("departmentCode").isNull()).as(before.toString()).isTrue();
    Instant beforeDue = Instant.parse(before.get("dueAt").asString());

    int v = version();
    Map<String, Object> edited = new LinkedHashMap<>(item);
    edited.put("name", "测试事项99（改）");
    edited.put("leadDepartment", deptA);
    edited.put("coDepartments", List.of(deptB));
    edited.put("deadlineHours", 1);
    edited.put("clockType", "CALENDAR_HOURS");
    var response = put(edited);
    JsonNode written = json(response);
    assertThat(written.get("version").asInt()).isEqualTo(v + 1);
    assertThat(written.get("changed").get(0).asString()).isEqualTo("990101");

    JsonNode history = json(admin().get(LIST + "/versions"));
    assertThat(history.get(0).get("version").asInt()).isEqualTo(v + 1);
    assertThat(history.get(0).get("changedBy").asString()).isEqualTo("admin");
    assertThat(history.get(0).get("summary").asString())
        .contains("changed 990101").contains("deadline 24 → 1 h").contains("lead department – → " + deptA);
    // The old row is retired, the new one in force; the case keeps the old row.
    assertThat(jdbc.queryForList("SELECT retired_in FROM category WHERE code = '990101' ORDER BY list_version", Integer.class))
        .containsExactly(v + 1, null);

    JsonNode after = report("990101");
    assertThat(after.get("departmentCode").asString()).isEqualTo(deptA);
    Instant reported = Instant.parse(after.get("reportedAt").asString());
    assertThat(Duration.between(reported, Instant.parse(after.get("dueAt").asString()))).isEqualTo(Duration.ofHours(1));
    assertThat(after.get("category").get("name").asString()).isEqualTo("测试事项99（改）");

    JsonNode old = json(Api.as(port, "operator-city").get("/api/incidents/" + before.get("id").asLong()));
    assertThat(old.get("category").get("name").asString()).isEqualTo("测试事项99");
    assertThat(Instant.parse(old.get("dueAt").asString())).isEqualTo(beforeDue);
    assertThat(old.get("departmentCode").isNull()).isTrue();

    // The list as of the version before the edit still shows the old item; the list in force the new.
    JsonNode then = json(Api.as(port, "operator-city").get(LIST + "?version=" + v));
    JsonNode now = json(Api.as(port, "operator-city").get(LIST));
    assertThat(find(then, "990101").get("deadlineHours").asInt()).isEqualTo(24);
    assertThat(find(now, "990101").get("deadlineHours").asInt()).isEqualTo(1);
    assertThat(find(now, "990101").get("coDepartments").get(0).asString()).isEqualTo(deptB);
    assertThat(now.get("version").asInt()).isEqualTo(v + 1);
    assertThat(now.get("changedBy").asString()).isEqualTo("admin");

    // The audit trail has the change.
    JsonNode audit = json(admin().get("/api/audit?action=RESPONSIBILITY_LIST_CHANGED&size=50"));
    assertThat(audit.toString()).contains("990101");
  }

  static JsonNode find(JsonNode list, String code) {
    for (JsonNode n : list.get("nodes")) {
      if (n.get("code").asString().equals(code)) {
        return n;
      }
    }
    throw new AssertionError("no node " + code + " in version " + list.get("version"));
  }

  @Test
  void anUnchangedSaveMakesNoVersionAndRetiringMakesOne() {
    Map<String, Object> item = tree("97");
    int v = version();
    JsonNode same = json(put(item));
    assertThat(same.get("newVersion").asBoolean()).isFalse();
    assertThat(version()).isEqualTo(v);
    var retired = admin().delete(LIST + "/nodes/970101?expectedVersion=" + v);
    assertThat(json(retired).get("retired").get(0).asString()).isEqualTo("970101");
    assertThat(version()).isEqualTo(v + 1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM category WHERE code = '970101' AND retired_in IS NULL", Long.class))
        .isZero();
  }

  // --- bad input changes nothing ---------------------------------------------------------------

  @Test
  void everyBadNodeGetsItsErrorAndChangesNothing() {
    Map<String, Object> item = tree("98");
    int v = version();
    long rows = rows();

    Map<String, Object> cycle = node("9801", "SUBCLASS", "980101", "成环");
    assertBad(put(cycle), "parentCode", "cycle");
    assertBad(add(node("980102", "ITEM", "98", "跨级")), "parentCode", "must be a SUBCLASS");
    assertBad(add(node("970102", "ITEM", "9801", "编码不符")), "code", "does not start with its parent's code 9801");
    assertBad(add(node("9802", "ITEM", "9801", "位数")), "code", "has 4 digits but a ITEM code has 6");
    assertBad(add(node("98015", "ITEM", "9801", "位数")), "code", "2, 4 or 6 digits");
    assertBad(add(node("980101", "ITEM", "9801", "重复")), "code", "in the list already");

    assertBad(put(with(item, "leadDepartment", "NO-SUCH-DEPT")), "leadDepartment", "names no department");
    assertBad(put(with(item, "coDepartments", List.of(deptA, "NO-SUCH-DEPT"))), "coDepartments[1]", "names no department");
    assertBad(put(with(item, "deadlineHours", -2)), "deadlineHours", "at least 1 hour");
    assertBad(put(with(item, "deadlineHours", 0)), "deadlineHours", "at least 1 hour");
    assertBad(put(with(item, "deadlineHours", 9000)), "deadlineHours", "at most 8760");
    assertBad(put(with(item, "gridAdmitted", false)), "leadDepartment", "required when gridAdmitted is false");
    assertBad(put(with(item, "clockType", "SOMETIMES")), "clockType", "WORKING_HOURS");
    assertBad(put(with(item, "defaultRisk", "EXTREME")), "defaultRisk", "HIGH, MEDIUM or LOW");
    Map<String, Object> injured = Map.of("code", "injured", "text", "是否有人受伤", "type", "YES_NO", "required", true);
    assertBad(put(with(item, "questions", List.of(injured, injured))), "questions[1].code", "used by an earlier question");
    assertBad(put(with(item, "questions", List.of(Map.of("code", "how", "text", "如何", "type", "ESSAY")))),
        "questions[0].type", "YES_NO, NUMBER, TEXT or CHOICE");
    assertBad(put(with(item, "questions", List.of(Map.of("code", "kind", "text", "种类", "type", "CHOICE")))),
        "questions[0].choices", "required for a CHOICE question");
    assertBad(admin().delete(LIST + "/nodes/9801?expectedVersion=" + v), "code", "retire them first");
    Map<String, Object> noVersion = new LinkedHashMap<>(with(item, "deadlineHours", 2));
    noVersion.put("expectedVersion", null);
    assertBad(admin().put(LIST + "/nodes/980101", JSON.writeValueAsString(noVersion)), "expectedVersion", "required");

    assertThat(version()).isEqualTo(v);
    assertThat(rows()).isEqualTo(rows);
  }

  static Map<String, Object> with(Map<String, Object> node, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(node);
    copy.put(field, value);
    return copy;
  }

  @Test
  void aStaleVersionGets409AndOnlyOneOfTwoConcurrentSavesWins() throws Exception {
    Map<String, Object> item = tree("96");
    int v = version();
    long rows = rows();
    var stale = put(with(with(item, "deadlineHours", 5), "expectedVersion", v - 1));
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
    assertThat(JSON.readTree(stale.body()).get("field").asString()).isEqualTo("expectedVersion");
    assertThat(version()).isEqualTo(v);
    assertThat(rows()).isEqualTo(rows);

    // Four admins save different deadlines against the same version at once: one wins, the others get 409.
    admin().get(LIST); // token issued before the race
    var pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<HttpResponse<String>>> saves = new ArrayList<>();
      for (int h = 2; h <= 5; h++) {
        Map<String, Object> body = with(with(item, "deadlineHours", h), "expectedVersion", v);
        saves.add(pool.submit((Callable<HttpResponse<String>>) () ->
            admin().put(LIST + "/nodes/960101", JSON.writeValueAsString(body))));
      }
      List<Integer> statuses = new ArrayList<>();
      for (var save : saves) {
        statuses.add(save.get().statusCode());
      }
      assertThat(statuses).containsOnly(200, 409);
      assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(version()).isEqualTo(v + 1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM category WHERE code = '960101' AND retired_in IS NULL", Long.class))
        .isEqualTo(1);
  }

  // --- roles ----------------------------------------------------------------------------------

  @Test
  void deskRolesReadAndOnlyAdminsWrite() {
    Api operator = Api.as(port, "operator-city");
    JsonNode list = json(operator.get(LIST));
    assertThat(list.get("nodes").size()).isGreaterThan(10);
    assertThat(json(operator.get(LIST + "/versions")).get(0).get("version").asInt()).isEqualTo(version());
    JsonNode first = list.get("nodes").get(0);
    assertThat(first.get("level").asString()).isEqualTo("CLASS");
    Map<String, Object> body = JSON.convertValue(first, Map.class);
    body.put("expectedVersion", version());
    assertThat(operator.put(LIST + "/nodes/" + first.get("code").asString(), JSON.writeValueAsString(body)).statusCode())
        .isEqualTo(403);
    assertThat(operator.get(LIST + "/export?format=csv").statusCode()).isEqualTo(403);
    assertThat(Api.anonymous(port).get(LIST).statusCode()).isEqualTo(401);
    assertThat(admin().get(LIST + "?version=99999").statusCode()).isEqualTo(404);
  }

  // --- import and export ------------------------------------------------------------------------

  @Test
  void anXlsxAndACsvRoundTripEqualTheListAndMakeNoVersion() throws Exception {
    JsonNode list = json(admin().get(LIST));
    int v = version();
    byte[] xlsx = export("xlsx");
    try (var workbook = new ReadableWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      List<Row> rows = workbook.getFirstSheet().read();
      assertThat(rows).hasSize(list.get("nodes").size() + 1);
      assertThat(rows.get(0).getCellText(0)).isEqualTo("编码 code");
      assertThat(rows.get(1).getCellText(0)).isEqualTo(list.get("nodes").get(0).get("code").asString());
    }
    for (var file : List.of(Map.entry("list.xlsx", xlsx), Map.entry("list.csv", export("csv")))) {
      JsonNode result = json(upload(LIST + "/import?dryRun=false", file.getKey(), file.getValue()));
      assertThat(result.get("problems").size()).as(result.toString()).isZero();
      assertThat(result.get("rows").asInt()).isEqualTo(list.get("nodes").size());
      assertThat(result.get("added").asInt() + result.get("changed").asInt() + result.get("retired").asInt())
          .as(result.toString()).isZero();
      assertThat(result.get("newVersion").asBoolean()).isFalse();
      assertThat(version()).isEqualTo(v);
    }
    assertThat(json(admin().get(LIST)).get("nodes")).isEqualTo(list.get("nodes"));
  }

  @Test
  void aDryRunNamesEveryBadRowAndACommitIsOneVersion() {
    String csv = new String(export("csv"), StandardCharsets.UTF_8);
    int v = version();
    long rows = rows();
    int lines = (int) csv.lines().count();
    String bad = csv
        + "95,CLASS,,测试导入大类,,,,是,24,WORKING_HOURS,LOW,100,否,\r\n"
        + "9501,SUBCLASS,95,测试导入小类,,,,是,-3,WORKING_HOURS,LOW,100,否,\r\n"
        + "950101,ITEM,9501,测试导入事项,,NO-SUCH-DEPT,,否,24,SOMETIMES,LOW,100,否,\r\n"
        + "950101,ITEM,9501,重复,,,,是,24,WORKING_HOURS,LOW,100,否,\r\n";
    JsonNode dry = json(upload(LIST + "/import?dryRun=true", "bad.csv", bad.getBytes(StandardCharsets.UTF_8)));
    List<String> problems = new ArrayList<>();
    dry.get("problems").forEach(p -> problems.add(p.get("row").asInt() + ":" + p.get("column").asString()));
    assertThat(problems).containsExactlyInAnyOrder(
        (lines + 2) + ":deadlineHours", (lines + 3) + ":leadDepartment", (lines + 3) + ":clockType", (lines + 4) + ":code");
    assertThat(dry.get("added").asInt()).isEqualTo(3);
    var refused = upload(LIST + "/import?dryRun=false", "bad.csv", bad.getBytes(StandardCharsets.UTF_8));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("problems").size()).isEqualTo(4);
    assertThat(version()).isEqualTo(v);
    assertThat(rows()).isEqualTo(rows);

    String good = csv
        + "95,CLASS,,测试导入大类,,,,是,24,WORKING_HOURS,LOW,100,否,\r\n"
        + "9501,SUBCLASS,95,测试导入小类,,,,是,24,WORKING_HOURS,LOW,100,否,\r\n"
        + "950101,ITEM,9501,测试导入事项,Imported item," + deptA + "," + deptB + ",否,2,CALENDAR_HOURS,HIGH,50,是,"
        + "\"[{\"\"code\"\":\"\"injured\"\",\"\"text\"\":\"\"是否有人受伤\"\",\"\"textEn\"\":\"\"Anyone hurt?\"\",\"\"type\"\":\"\"YES_NO\"\",\"\"required\"\":true}]\"\r\n";
    JsonNode committed = json(upload(LIST + "/import?dryRun=false&expectedVersion=" + v, "good.csv",
        good.getBytes(StandardCharsets.UTF_8)));
    assertThat(committed.get("added").asInt()).isEqualTo(3);
    assertThat(committed.get("version").asInt()).isEqualTo(v + 1);
    assertThat(version()).isEqualTo(v + 1);
    JsonNode item = find(json(admin().get(LIST)), "950101");
    assertThat(item.get("questions").get(0).get("code").asString()).isEqualTo("injured");
    assertThat(item.get("gridAdmitted").asBoolean()).isFalse();
    // The imported item's required question must be answered (ReportQuestions), and routing follows it.
    assertThat(report("950101", Map.of("injured", false)).get("departmentCode").asString()).isEqualTo(deptA);

    // The original file again: the three nodes retire, in one version.
    JsonNode back = json(upload(LIST + "/import?dryRun=true", "list.csv", csv.getBytes(StandardCharsets.UTF_8)));
    assertThat(back.get("retired").asInt()).isEqualTo(3);
    json(upload(LIST + "/import?dryRun=false", "list.csv", csv.getBytes(StandardCharsets.UTF_8)));
    assertThat(version()).isEqualTo(v + 2);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM category WHERE code LIKE '95%' AND retired_in IS NULL", Long.class))
        .isZero();
  }

  @Test
  void anXlsxWithMergedCellsOrAFormulaAndACsvNotInUtf8AreRefused() throws Exception {
    int v = version();
    assertBad(upload(LIST + "/import?dryRun=true", "merged.xlsx", workbook(true, false)), "file", "B2:C2");
    assertBad(upload(LIST + "/import?dryRun=true", "formula.xlsx", workbook(false, true)), "file", "I2");
    String csv = "编码 code,层级 level,名称 name,时限（小时） deadlineHours\r\n94,CLASS,测试大类,24\r\n";
    assertBad(upload(LIST + "/import?dryRun=false", "gbk.csv", csv.getBytes(Charset.forName("GBK"))), "file", "UTF-8");
    assertThat(version()).isEqualTo(v);
  }

  static byte[] workbook(boolean merged, boolean formula) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Workbook workbook = new Workbook(bytes, "test", "1.0");
    Worksheet sheet = workbook.newWorksheet("list");
    List<String> header = List.of("编码 code", "层级 level", "上级编码 parentCode", "名称 name", "英文名称 nameEn",
        "牵头部门 leadDepartment", "协办部门 coDepartments", "网格准入 gridAdmitted", "时限（小时） deadlineHours");
    for (int c = 0; c < header.size(); c++) {
      sheet.value(0, c, header.get(c));
    }
    sheet.value(1, 0, "94");
    sheet.value(1, 1, "CLASS");
    sheet.value(1, 3, "测试大类");
    if (formula) {
      sheet.formula(1, 8, "12*2");
    } else {
      sheet.value(1, 8, 24);
    }
    if (merged) {
      sheet.range(1, 1, 1, 2).merge();
    }
    workbook.finish();
    return bytes.toByteArray();
  }

  // --- other instances ----------------------------------------------------------------------------

  @Test
  void aVersionWrittenByAnotherInstanceReachesIntakeByThePoll() {
    Map<String, Object> item = tree("93");
    int v = version();
    // Another instance's edit, as it lands in the shared database: a version, the new row, the old retired.
    Long department = jdbc.queryForObject("SELECT id FROM department WHERE code = ?", Long.class, deptB);
    new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(status -> {
    jdbc.update("INSERT INTO responsibility_list_version (version, changed_at, changed_by, summary)"
        + " VALUES (?, CURRENT_TIMESTAMP, 'admin', 'changed 930101 elsewhere')", v + 1);
    jdbc.update("UPDATE category SET retired_in = ? WHERE code = '930101' AND retired_in IS NULL", v + 1);
    jdbc.update("""
        INSERT INTO category (code, name, name_en, level, parent_code, department_id, grid_admitted, deadline_hours,
                              clock_type, default_risk, dedup_radius_metres, raises_alarm, questions, list_version)
        VALUES ('930101', ?, 'Test 930101', 'ITEM', '9301', ?, TRUE, 24, 'WORKING_HOURS', 'LOW', 100, FALSE, '[]', ?)""",
        item.get("name"), department, v + 1);
    });
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
        .until(() -> !report("930101").get("departmentCode").isNull());
    assertThat(report("930101").get("departmentCode").asString()).isEqualTo(deptB);
  }
}
