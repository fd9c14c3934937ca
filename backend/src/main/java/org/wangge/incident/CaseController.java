package org.wangge.incident;

import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RequestHeader;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;

/**
 * The closed loop over HTTP: {@code POST /api/incidents/{id}/actions} ({@link CaseActionRequest})
 * answers the case's timeline and what the caller may do next; {@code GET
 * /api/incidents/{id}/timeline} the same without acting. A state that does not allow the action
 * answers {@code 409} with {@code currentStatus} and {@code allowedActions}. An {@code
 * Idempotency-Key} header makes a retried action apply once (docs/idempotency.md).
 */
@RestController
class CaseController {

  private final CaseWorkflow workflow;
  private final CurrentUser currentUser;
  private final Inbox inbox;
  private final JsonMapper json;

  CaseController(CaseWorkflow workflow, CurrentUser currentUser, Inbox inbox, JsonMapper json) {
    this.workflow = workflow;
    this.currentUser = currentUser;
    this.inbox = inbox;
    this.json = json;
  }

  /** The caller's task list, most urgent first ({@link Inbox}). */
  @GetMapping("/api/inbox")
  Inbox.Page inbox(
      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") int page,
      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "50") int size) {
    if (page < 0) {
      throw new org.wangge.web.InvalidInputException("page", "must be 0 or more");
    }
    if (size < 1 || size > 200) {
      throw new org.wangge.web.InvalidInputException("size", "must be between 1 and 200");
    }
    return inbox.of(currentUser.require(), page, size);
  }

  @PostMapping(path = "/api/incidents/{id}/actions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CaseWorkflow.Timeline> act(
      @PathVariable long id,
      @RequestBody CaseActionRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return act(id, request, List.of(), idempotencyKey);
  }

  /**
   * An action with photos (the handler's feedback, typically): multipart with the action as JSON in
   * a part named {@code action} and up to six {@code photos} (checked like a report's).
   */
  @PostMapping(path = "/api/incidents/{id}/actions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<CaseWorkflow.Timeline> actWithPhotos(
      @PathVariable long id,
      @RequestPart(name = "action", required = false) String actionJson,
      @RequestPart(name = "photos", required = false) List<MultipartFile> files,
      @RequestPart(name = "photoFacts", required = false) String photoFacts,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (actionJson == null) {
      throw new InvalidInputException("action", "part is missing: send the action as JSON in a part named 'action'");
    }
    CaseActionRequest request;
    try {
      request = json.readValue(actionJson, CaseActionRequest.class);
    } catch (tools.jackson.core.JacksonException e) {
      throw new InvalidInputException("action", "is not a valid action JSON: " + e.getOriginalMessage());
    }
    List<Photo> photos = Photo.fromUploads(files);
    photos = Photo.withClientFacts(photos, CaptureFacts.parse(photoFacts, photos.size(), json, Instant.now()));
    return act(id, request, photos, idempotencyKey);
  }

  /**
   * Applies the action once per {@code Idempotency-Key} of the caller; a repeat answers {@code 200}
   * with the timeline and {@code Idempotent-Replayed: true}.
   */
  private ResponseEntity<CaseWorkflow.Timeline> act(long id, CaseActionRequest request, List<Photo> photos, String idempotencyKey) {
    Jurisdiction j = currentUser.require();
    var keyed =
        IdempotencyKeys.request(
            IdempotencyKeys.Scope.of(j), IdempotencyKeys.check(idempotencyKey), "POST /api/incidents/" + id + "/actions", request, photos);
    var answer = workflow.act(id, request, photos, j, Instant.now(), keyed);
    var response = ResponseEntity.ok();
    if (answer.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(answer.body());
  }

  @GetMapping("/api/incidents/{id}/timeline")
  CaseWorkflow.Timeline timeline(@PathVariable long id) {
    return workflow.timeline(id, currentUser.require());
  }

  @ExceptionHandler(CaseConflictException.class)
  ResponseEntity<ProblemDetail> conflict(CaseConflictException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Not possible in this state");
    problem.setProperty("currentStatus", e.status());
    problem.setProperty("allowedActions", e.allowed());
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(ObjectOptimisticLockingFailureException.class)
  ResponseEntity<ProblemDetail> raced(ObjectOptimisticLockingFailureException e) {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, "Someone changed this case at the same moment. Nothing was changed by you; reload it and try again.");
    problem.setTitle("Changed meanwhile");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }
}
