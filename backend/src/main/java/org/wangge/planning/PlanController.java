package org.wangge.planning;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.spatial.FeatureCollection;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.JsonNode;

/** {@code /api/plans}: plans of new grid boundaries (README, "Planning"). */
@RestController
class PlanController {

  private final PlanService plans;

  PlanController(PlanService plans) {
    this.plans = plans;
  }

  @PostMapping("/api/plans")
  ResponseEntity<PlanView> create(@RequestBody(required = false) JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("body", "is missing: send {\"areaCode\", \"name\", \"from\"} as JSON");
    }
    only(body, "areaCode", "name", "from");
    PlanView view =
        plans.create(
            text(body, "areaCode"),
            text(body, "name"),
            InvalidInputException.instant("from", text(body, "from")));
    return ResponseEntity.created(URI.create("/api/plans/" + view.id())).body(view);
  }

  @GetMapping("/api/plans")
  List<PlanSummary> list(@RequestParam(required = false) String areaCode, @RequestParam(required = false) String status) {
    return plans.list(areaCode, status);
  }

  @GetMapping(path = "/api/plans/grids", produces = {FeatureCollection.MEDIA_TYPE, "application/json"})
  FeatureCollection<PlanService.VersionProperties> gridsAt(@RequestParam String areaCode, @RequestParam String at) {
    return plans.gridsAt(areaCode, InvalidInputException.instant("at", at));
  }

  @GetMapping("/api/plans/{id}")
  PlanView plan(@PathVariable long id) {
    return plans.view(id);
  }

  @GetMapping("/api/plans/{id}/impact")
  PlanImpact impact(@PathVariable long id) {
    return plans.impact(id);
  }

  @PostMapping("/api/plans/{id}/edits")
  PlanView edit(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    return plans.edit(id, body);
  }

  @PostMapping("/api/plans/{id}/undo")
  PlanView undo(@PathVariable long id) {
    return plans.undo(id);
  }

  @PostMapping("/api/plans/{id}/redo")
  PlanView redo(@PathVariable long id) {
    return plans.redo(id);
  }

  @PostMapping("/api/plans/{id}/abandon")
  PlanView abandon(@PathVariable long id) {
    return plans.abandon(id);
  }

  @PostMapping("/api/plans/{id}/publish")
  PublishResult publish(@PathVariable long id, @RequestBody(required = false) JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("body", "is missing: send {\"validFrom\", \"openCases\"} as JSON");
    }
    only(body, "validFrom", "openCases");
    String mode = text(body, "openCases");
    PlanService.OpenCases openCases = null;
    if (mode != null) {
      try {
        openCases = PlanService.OpenCases.valueOf(mode);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("openCases", "must be REROUTE or KEEP, got '" + mode + "'");
      }
    }
    return plans.publish(id, InvalidInputException.instant("validFrom", text(body, "validFrom")), openCases);
  }

  /** A field the request does not have is bad input naming it (as for the bodies read into records). */
  private static void only(JsonNode body, String... fields) {
    var known = java.util.Set.of(fields);
    for (String name : body.propertyNames()) {
      if (!known.contains(name)) {
        throw new InvalidInputException(name, "is not a field of this request (known: " + new java.util.TreeSet<>(known) + ")");
      }
    }
  }

  /** A string field, {@code null} when absent or JSON null; another type is bad input. */
  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new InvalidInputException(field, "must be a string");
    }
    return node.asString();
  }

  @ExceptionHandler(PlanExceptions.StateConflict.class)
  ResponseEntity<ProblemDetail> state(PlanExceptions.StateConflict e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Not possible in the plan's state");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(PlanExceptions.BoundaryConflict.class)
  ResponseEntity<ProblemDetail> conflict(PlanExceptions.BoundaryConflict e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Conflicting publish");
    problem.setProperty("conflicts", e.conflicts());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(PlanExceptions.Invalid.class)
  ResponseEntity<ProblemDetail> invalid(PlanExceptions.Invalid e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    problem.setTitle("Plan not valid");
    problem.setProperty("valid", false);
    problem.setProperty("problems", e.validation().problems());
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
  }
}
