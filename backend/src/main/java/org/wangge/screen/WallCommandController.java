package org.wangge.screen;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.wangge.security.CurrentUser;

/**
 * The linked screens' API: {@code POST /api/wall/commands} ({@code {"kind":"CASE","caseNumber":…}}
 * or {@code {"kind":"AREA","areaCode":…}}, OPERATOR or GRID_LEADER: 201 with the command), {@code
 * GET /api/wall/commands/latest} (the latest command of the caller's centre, 204 when none) and
 * {@code GET /api/wall/stream} (server-sent events: {@code ready}, then {@code focus} with each new
 * command of the caller's centre).
 */
@RestController
class WallCommandController {

  private final WallCommands commands;
  private final CurrentUser currentUser;

  WallCommandController(WallCommands commands, CurrentUser currentUser) {
    this.commands = commands;
    this.currentUser = currentUser;
  }

  @PostMapping(path = "/api/wall/commands", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<WallCommand> send(@RequestBody(required = false) WallCommands.Request request) {
    return ResponseEntity.status(HttpStatus.CREATED).body(commands.send(request, currentUser.require()));
  }

  @GetMapping("/api/wall/commands/latest")
  ResponseEntity<WallCommand> latest() {
    return commands.latest(currentUser.require()).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
  }

  @GetMapping(path = "/api/wall/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream() {
    return commands.subscribe(currentUser.require());
  }
}
