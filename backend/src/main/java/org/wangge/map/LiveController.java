package org.wangge.map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.team.TeamService;
import org.wangge.web.InvalidInputException;

/**
 * {@code GET /api/live}: server-sent events of case changes in the caller's jurisdiction. Each
 * event is {@code event: case}, {@code id: <timeline id>}, {@code data: <CaseChange JSON>}; the
 * first is {@code event: ready}. A client that reconnects with {@code Last-Event-ID} (browsers do
 * it by themselves; or {@code ?lastEventId=}) gets every change after that id exactly once.
 */
@RestController
class LiveController {

  private final LiveFeed feed;
  private final CurrentUser currentUser;
  private final TeamService teams;

  LiveController(LiveFeed feed, CurrentUser currentUser, TeamService teams) {
    this.feed = feed;
    this.currentUser = currentUser;
    this.teams = teams;
  }

  @GetMapping(path = "/api/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter live(
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventIdParam) {
    Jurisdiction j = currentUser.require();
    String raw = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam;
    Long lastEventId = null;
    if (raw != null && !raw.isBlank()) {
      try {
        lastEventId = Long.parseLong(raw.strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException("Last-Event-ID", "must be the id of an event this feed sent, got '" + raw + "'");
      }
    }
    Long departmentId = j.departmentCasesOnly() ? teams.departmentIds().get(j.departmentCode()) : null;
    return feed.subscribe(j, departmentId, lastEventId);
  }
}
