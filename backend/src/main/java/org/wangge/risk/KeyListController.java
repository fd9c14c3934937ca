package org.wangge.risk;

import java.time.Instant;
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
import org.wangge.security.CurrentUser;

/**
 * {@code GET /api/key-list?area=CODE}: the key list of an area (default: the caller's own), oldest
 * case first; {@code POST /api/key-list/{incidentId}/controlled} with {@code {"note": "…"}}: an
 * OPERATOR marks a case controlled, and it leaves the list (for the still-open {@code controlled}
 * cases of the view); {@code POST /api/key-list/{incidentId}/notes} with {@code {"note": "…"}}: an
 * OPERATOR or GRID_LEADER writes a note on a key-list case; {@code GET
 * /api/key-list/{incidentId}/history}: its notes and mark, oldest first.
 */
@RestController
class KeyListController {

  /** The body of a mark. */
  record ControlRequest(String note) {}

  private final KeyList keyList;
  private final CurrentUser currentUser;

  KeyListController(KeyList keyList, CurrentUser currentUser) {
    this.keyList = keyList;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/key-list")
  KeyList.View list(@RequestParam(required = false) String area) {
    return keyList.list(area, currentUser.require(), Instant.now());
  }

  @PostMapping("/api/key-list/{incidentId}/controlled")
  KeyList.Controlled controlled(@PathVariable long incidentId, @RequestBody(required = false) ControlRequest request) {
    return keyList.markControlled(incidentId, request == null ? null : request.note(), currentUser.require(), Instant.now());
  }

  @PostMapping("/api/key-list/{incidentId}/notes")
  KeyList.Entry note(@PathVariable long incidentId, @RequestBody(required = false) ControlRequest request) {
    return keyList.addNote(incidentId, request == null ? null : request.note(), currentUser.require(), Instant.now());
  }

  @GetMapping("/api/key-list/{incidentId}/history")
  KeyList.History history(@PathVariable long incidentId) {
    return keyList.history(incidentId, currentUser.require());
  }

  @ExceptionHandler(KeyListConflictException.class)
  ResponseEntity<ProblemDetail> conflict(KeyListConflictException e) {
    var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    problem.setTitle("Not on the key list");
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }
}
