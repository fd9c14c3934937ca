package org.wangge.alarm;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/alarms}: the caller's alarms ({@link Alarms#list}); {@code POST
 * /api/alarms/{id}/acknowledge}: 确认 the alarm's current level. Acknowledging is idempotent by
 * nature: a repeat (or an acknowledgement of an alarm someone already acknowledged) changes nothing
 * and answers {@code 200} with the alarm and {@code Idempotent-Replayed: true}. An {@code
 * Idempotency-Key} header is accepted as for case actions (checked: 1 to 100 visible ASCII
 * characters). A level the caller does not answer for is {@code 403} saying whose it is; an
 * unknown alarm {@code 404}.
 */
@RestController
class AlarmController {

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,100}");

  private final Alarms alarms;
  private final CurrentUser currentUser;

  AlarmController(Alarms alarms, CurrentUser currentUser) {
    this.alarms = alarms;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/alarms")
  List<AlarmView> list() {
    return alarms.list(currentUser.require(), Instant.now());
  }

  @PostMapping("/api/alarms/{id}/acknowledge")
  ResponseEntity<AlarmView> acknowledge(
      @PathVariable long id, @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
      throw new InvalidInputException("Idempotency-Key", "must be 1 to 100 visible ASCII characters (a UUID is a good choice)");
    }
    Jurisdiction j = currentUser.require();
    Alarms.Acknowledged done = alarms.acknowledge(id, j, Instant.now());
    var response = ResponseEntity.ok();
    if (done.already()) {
      response.header("Idempotent-Replayed", "true");
    }
    return response.body(done.alarm());
  }
}
