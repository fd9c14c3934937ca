package org.wangge.screen;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.wangge.area.AreaService;
import org.wangge.area.AreaView;
import org.wangge.incident.IncidentService;
import org.wangge.security.Jurisdiction;
import org.wangge.security.Role;
import org.wangge.security.UserAccounts;
import org.wangge.web.InvalidInputException;
import org.wangge.web.NotFoundException;

/**
 * Sends cases and areas to the walls of a centre and carries the commands to the walls.
 *
 * <p><b>Who may send.</b> An OPERATOR (the centre's duty officer) or a GRID_LEADER (a community
 * workstation has a screen too); the case or area must lie inside the sender's jurisdiction. A
 * PLANNER, GRID_MEMBER, DEPARTMENT_OFFICER or ADMIN (users and tokens, not cases) may not.
 *
 * <p><b>Which walls follow.</b> A command belongs to the sender's centre, the sender's jurisdiction
 * code; a wall follows the commands of exactly its own jurisdiction code. Not an ancestor's: a city
 * operator does not take over every district's wall; not a descendant's: a street desk does not
 * drive the city's wall. Two desks of the same centre drive its walls alike; the last command wins.
 *
 * <p><b>Delivery.</b> A command is one row of {@code wall_command}, committed before the sender is
 * answered. Every instance polls ({@code wangge.wall.poll-interval}, 100 ms by default) the rows
 * whose database time {@code sent_at} lies within the last {@link #WINDOW} and hands the ones it has
 * not handed yet to its connected walls, so a command taken by any instance reaches every wall. A
 * row that commits later than {@link #WINDOW} after its {@code sent_at} is stale for a wall (the
 * desk has moved on) and is not pushed; a wall that connects reads the latest command of its centre
 * once ({@link #latest}). Each wall has its own queue and sending thread, so a slow wall never holds
 * up the others. The table itself records who sent what, when (it is not pruned).
 */
@Service
class WallCommands implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(WallCommands.class);
  /** How far back each poll reads: commands that commit later than this are not pushed. */
  static final Duration WINDOW = Duration.ofSeconds(10);
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final int MAX_TITLE = 300;

  private static final String COLUMNS =
      "SELECT id, centre_code, kind, case_number, area_code, area_level, title, lon, lat, min_lon, min_lat, max_lon, max_lat,"
          + " sent_by, sent_by_name, sent_at FROM wall_command";

  private final JdbcTemplate jdbc;
  private final IncidentService incidents;
  private final AreaService areas;
  private final UserAccounts users;
  private final List<Wall> walls = new CopyOnWriteArrayList<>();
  /** Ids handed on, with their sent_at in epoch ms, forgotten once older than the window. */
  private final Map<Long, Long> handed = new HashMap<>();
  private volatile boolean running;
  private long lastWarning;

  WallCommands(JdbcTemplate jdbc, IncidentService incidents, AreaService areas, UserAccounts users) {
    this.jdbc = jdbc;
    this.incidents = incidents;
    this.areas = areas;
    this.users = users;
  }

  /** What a desk sends: {@code kind} CASE with {@code caseNumber}, or AREA with {@code areaCode}. */
  record Request(String kind, String caseNumber, String areaCode) {}

  /** Stores a command of {@code sender} for the walls of the sender's centre; returns it. */
  @Transactional
  WallCommand send(Request request, Jurisdiction sender) {
    if (!sender.hasRole(Role.OPERATOR, Role.GRID_LEADER)) {
      throw new org.springframework.security.access.AccessDeniedException(
          "A " + sender.role() + " may not drive the walls; it needs the role OPERATOR or GRID_LEADER.");
    }
    if (request == null || request.kind() == null || request.kind().isBlank()) {
      throw new InvalidInputException("kind", "is required: CASE (with caseNumber) or AREA (with areaCode)");
    }
    String title;
    String caseNumber = null;
    String areaCode;
    String areaLevel = null;
    double lon;
    double lat;
    double[] bbox = null;
    switch (request.kind().strip()) {
      case "CASE" -> {
        caseNumber = request.caseNumber() == null ? null : request.caseNumber().strip();
        if (caseNumber == null || !caseNumber.matches("\\d{13}")) {
          throw new InvalidInputException("caseNumber", "must be a case number of 13 digits (yyyyMMdd + serial), got '" + request.caseNumber() + "'");
        }
        String number = caseNumber;
        var found =
            incidents.findFeature(number, sender)
                .orElseThrow(() -> new NotFoundException("No case " + number + " in your jurisdiction."));
        title = found.number() + " " + Objects.requireNonNullElse(found.categoryName(), "");
        areaCode = found.gridCode();
        lon = found.lon();
        lat = found.lat();
      }
      case "AREA" -> {
        areaCode = request.areaCode() == null ? null : request.areaCode().strip();
        if (areaCode == null || !areaCode.matches("\\d{4}|\\d{6}|\\d{9}|\\d{12}|\\d{15}")) {
          throw new InvalidInputException("areaCode", "must be an area code of 4, 6, 9, 12 or 15 digits, got '" + request.areaCode() + "'");
        }
        String code = areaCode;
        List<AreaView> chain = sender.covers(code) ? areas.chain(code) : List.of();
        if (chain.isEmpty()) {
          throw new NotFoundException("No current area has code " + code + " in your jurisdiction.");
        }
        AreaView area = chain.getLast();
        title = area.name();
        areaLevel = area.level().name();
        bbox = area.bbox();
        lon = (bbox[0] + bbox[2]) / 2;
        lat = (bbox[1] + bbox[3]) / 2;
      }
      default -> throw new InvalidInputException("kind", "must be CASE or AREA, got '" + request.kind() + "'");
    }
    String senderName = users.signedIn(sender).displayName();
    String storedTitle = title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title.strip();
    var keys = new GeneratedKeyHolder();
    String kind = request.kind().strip();
    String number = caseNumber;
    String code = areaCode;
    String level = areaLevel;
    double[] box = bbox;
    jdbc.update(
        connection -> {
          var ps =
              connection.prepareStatement(
                  "INSERT INTO wall_command (centre_code, kind, case_number, area_code, area_level, title, lon, lat,"
                      + " min_lon, min_lat, max_lon, max_lat, sent_by, sent_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  new String[] {"id"});
          ps.setString(1, sender.areaCode());
          ps.setString(2, kind);
          ps.setString(3, number);
          ps.setString(4, code);
          ps.setString(5, level);
          ps.setString(6, storedTitle);
          ps.setDouble(7, lon);
          ps.setDouble(8, lat);
          for (int i = 0; i < 4; i++) {
            if (box == null) {
              ps.setNull(9 + i, java.sql.Types.DOUBLE);
            } else {
              ps.setDouble(9 + i, box[i]);
            }
          }
          ps.setString(13, sender.username());
          ps.setString(14, senderName);
          return ps;
        },
        keys);
    long id = Objects.requireNonNull(keys.getKey()).longValue();
    WallCommand command = jdbc.queryForObject(COLUMNS + " WHERE id = ?", WallCommands::command, id);
    return command;
  }

  /** The latest command of the caller's centre (who drives its walls now), if any. */
  @Transactional(readOnly = true)
  Optional<WallCommand> latest(Jurisdiction wall) {
    String where = wall.areaCode() == null ? " WHERE centre_code IS NULL" : " WHERE centre_code = ?";
    Object[] args = wall.areaCode() == null ? new Object[0] : new Object[] {wall.areaCode()};
    return jdbc.query(COLUMNS + where + " ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", WallCommands::command, args)
        .stream()
        .findFirst();
  }

  private static WallCommand command(ResultSet rs, int row) throws SQLException {
    double minLon = rs.getDouble("min_lon");
    boolean hasBox = !rs.wasNull();
    return new WallCommand(
        rs.getLong("id"),
        rs.getString("centre_code"),
        rs.getString("kind"),
        rs.getString("case_number"),
        rs.getString("area_code"),
        rs.getString("area_level"),
        rs.getString("title"),
        rs.getDouble("lon"),
        rs.getDouble("lat"),
        hasBox ? new double[] {minLon, rs.getDouble("min_lat"), rs.getDouble("max_lon"), rs.getDouble("max_lat")} : null,
        rs.getString("sent_by"),
        rs.getString("sent_by_name"),
        rs.getTimestamp("sent_at").toInstant());
  }

  // --- delivery ---------------------------------------------------------------------------------

  /** A connected wall: its centre and the commands waiting to be sent to it. */
  private final class Wall {
    final SseEmitter emitter;
    final String centre;
    final String username;
    final BlockingQueue<WallCommand> queue = new ArrayBlockingQueue<>(100);
    volatile boolean open = true;

    Wall(SseEmitter emitter, Jurisdiction j) {
      this.emitter = emitter;
      this.centre = j.areaCode();
      this.username = j.username();
    }

    void offer(WallCommand c) {
      if (open && Objects.equals(centre, c.centreCode()) && !queue.offer(c)) {
        close();
      }
    }

    void close() {
      open = false;
      walls.remove(this);
      emitter.complete();
    }
  }

  /** Connects a wall: {@code event: ready}, then {@code event: focus} with each command of its centre. */
  SseEmitter subscribe(Jurisdiction j) {
    var emitter = new SseEmitter(Duration.ofMinutes(30).toMillis());
    if (!running) {
      emitter.complete();
      return emitter;
    }
    var wall = new Wall(emitter, j);
    walls.add(wall);
    emitter.onCompletion(() -> {
      wall.open = false;
      walls.remove(wall);
    });
    emitter.onTimeout(wall::close);
    emitter.onError(e -> wall.open = false);
    Thread.ofVirtual().name("wall-" + j.username()).start(() -> sendLoop(wall));
    return emitter;
  }

  private void sendLoop(Wall wall) {
    try {
      wall.emitter.send(SseEmitter.event().reconnectTime(2_000).name("ready").data("{}", MediaType.APPLICATION_JSON));
      while (wall.open) {
        WallCommand c = wall.queue.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
          wall.emitter.send(SseEmitter.event().comment("keep-alive"));
        } else {
          wall.emitter.send(SseEmitter.event().id(Long.toString(c.id())).name("focus").data(c, MediaType.APPLICATION_JSON));
        }
      }
    } catch (IOException | IllegalStateException e) {
      wall.open = false;
      walls.remove(wall);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Wall stream to {} stopped: {}", wall.username, e.getMessage());
      wall.close();
    }
  }

  /** Reads the commands of the last {@link #WINDOW} and hands the new ones to the walls here. */
  @Scheduled(fixedDelayString = "${wangge.wall.poll-interval:PT0.1S}")
  synchronized void poll() {
    if (walls.isEmpty()) {
      return;
    }
    try {
      java.time.Instant since = databaseNow().minus(WINDOW);
      List<WallCommand> recent =
          jdbc.query(COLUMNS + " WHERE sent_at >= ? ORDER BY id", WallCommands::command, java.sql.Timestamp.from(since));
      long oldest = since.toEpochMilli();
      handed.values().removeIf(at -> at < oldest);
      for (WallCommand c : recent) {
        if (handed.putIfAbsent(c.id(), c.sentAt().toEpochMilli()) == null) {
          for (Wall wall : walls) {
            wall.offer(c);
          }
        }
      }
    } catch (RuntimeException e) {
      long now = System.currentTimeMillis();
      if (now - lastWarning > 30_000) {
        lastWarning = now;
        log.warn("Wall commands cannot be read, retrying every poll: {}", e.getMessage());
      }
    }
  }

  /** The database's clock, which stamps {@code sent_at}, so instances' clocks need not agree. */
  private java.time.Instant databaseNow() {
    return jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", java.sql.Timestamp.class).toInstant();
  }

  @Override
  public void start() {
    running = true;
  }

  /** Completes every wall stream, so that graceful shutdown does not wait for them. */
  @Override
  public void stop() {
    running = false;
    for (Wall wall : List.copyOf(walls)) {
      try {
        wall.close();
      } catch (RuntimeException e) {
        log.debug("Closing a wall stream: {}", e.toString());
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
