package org.wangge.responsibility;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wangge.security.CurrentUser;
import org.wangge.security.Role;
import org.wangge.web.InvalidInputException;

/**
 * {@code /api/responsibility-list}: the list in force or as of a version and its history (every
 * signed-in desk role); adding, editing and retiring nodes, import and export (ADMIN). Writes name
 * the {@code expectedVersion} they were made against; a stale one is answered {@code 409}.
 */
@RestController
class ResponsibilityListController {

  private final ResponsibilityList list;
  private final ListImport imports;
  private final CurrentUser currentUser;

  ResponsibilityListController(ResponsibilityList list, ListImport imports, CurrentUser currentUser) {
    this.list = list;
    this.imports = imports;
    this.currentUser = currentUser;
  }

  /** A node as sent by a client, with the version of the list it was made against. */
  record NodeRequest(
      String code,
      String level,
      String name,
      String nameEn,
      String parentCode,
      String leadDepartment,
      List<String> coDepartments,
      Boolean gridAdmitted,
      Integer deadlineHours,
      String clockType,
      String defaultRisk,
      Integer dedupRadiusMetres,
      Boolean raisesAlarm,
      List<ListNode.Question> questions,
      Integer expectedVersion) {

    ListNode node() {
      return ListNode.of(new ListNode(code, level, name, nameEn, parentCode, leadDepartment, coDepartments, gridAdmitted,
          deadlineHours, clockType, defaultRisk, dedupRadiusMetres, raisesAlarm, questions));
    }
  }

  /** What a write did: the version in force after it, whether it is new, the codes touched. */
  record WriteResponse(int version, boolean newVersion, List<String> added, List<String> changed, List<String> retired) {
    static WriteResponse of(ResponsibilityList.Outcome o) {
      return new WriteResponse(o.version(), o.newVersion(), o.added(), o.changed(), o.retired());
    }
  }

  @GetMapping("/api/responsibility-list")
  ResponsibilityList.ListView read(@RequestParam(required = false) Integer version) {
    currentUser.require();
    if (version != null && version < 1) {
      throw new InvalidInputException("version", "must be a list version from 1 on, got " + version);
    }
    return list.read(version);
  }

  @GetMapping("/api/responsibility-list/versions")
  List<ResponsibilityList.Version> versions() {
    currentUser.require();
    return list.versions();
  }

  @PostMapping("/api/responsibility-list/nodes")
  ResponseEntity<WriteResponse> add(@RequestBody NodeRequest request) {
    var who = admin("add to the responsibility list");
    var outcome = list.add(request.node(), expected(request.expectedVersion()), who);
    return ResponseEntity.status(HttpStatus.CREATED).body(WriteResponse.of(outcome));
  }

  @PutMapping("/api/responsibility-list/nodes/{code}")
  WriteResponse update(@PathVariable String code, @RequestBody NodeRequest request) {
    var who = admin("edit the responsibility list");
    return WriteResponse.of(list.update(code, request.node(), expected(request.expectedVersion()), who));
  }

  @DeleteMapping("/api/responsibility-list/nodes/{code}")
  WriteResponse retire(@PathVariable String code, @RequestParam(required = false) Integer expectedVersion) {
    var who = admin("retire a node of the responsibility list");
    return WriteResponse.of(list.retire(code, expected(expectedVersion), who));
  }

  @GetMapping("/api/responsibility-list/export")
  ResponseEntity<byte[]> export(@RequestParam(defaultValue = "xlsx") String format) {
    admin("export the responsibility list");
    if (!format.equals("xlsx") && !format.equals("csv")) {
      throw new InvalidInputException("format", "must be xlsx or csv, got '" + format + "'");
    }
    var view = list.read(null);
    byte[] bytes = imports.export(view, format);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("responsibility-list-v" + view.version() + "." + format).build().toString())
        .contentType(format.equals("csv")
            ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
            : MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        .body(bytes);
  }

  @PostMapping(value = "/api/responsibility-list/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ListImport.Result importList(
      @RequestParam("file") MultipartFile file,
      @RequestParam(defaultValue = "true") boolean dryRun,
      @RequestParam(required = false) Integer expectedVersion) throws IOException {
    var who = admin("import the responsibility list");
    return imports.run(file.getBytes(), dryRun, expectedVersion, who);
  }

  @ExceptionHandler(ListConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ListConflictException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("The responsibility list changed");
    problem.setProperty("field", "expectedVersion");
    problem.setProperty("currentVersion", list.currentVersion());
    return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @ExceptionHandler(ListImport.Refused.class)
  ResponseEntity<ProblemDetail> refused(ListImport.Refused e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setTitle("Invalid input");
    problem.setProperty("field", "file");
    var r = e.result;
    problem.setProperties(Map.of(
        "field", "file", "rows", r.rows(), "added", r.added(), "changed", r.changed(), "retired", r.retired(),
        "problems", r.problems(), "version", r.version()));
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private org.wangge.security.Jurisdiction admin(String action) {
    return currentUser.requireRole(action, Role.ADMIN);
  }

  private static Integer expected(Integer expectedVersion) {
    if (expectedVersion == null) {
      throw new InvalidInputException("expectedVersion", "is required: the version of the list your change is"
          + " based on (GET /api/responsibility-list gives it), so that nobody's change is overwritten unseen");
    }
    return expectedVersion;
  }
}
