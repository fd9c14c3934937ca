package org.wangge.alarm;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wangge.incident.IncidentChanged;
import org.wangge.incident.Timeline;
import org.wangge.security.AuditLog;

/**
 * The climb: every instance sweeps every {@code wangge.alarm.sweep-interval}; the open alarms whose
 * level's time has run out are claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} in batches (as
 * the urging sweep claims cases), so two instances never take the same alarm. In the claiming
 * transaction each climbs one level: the level's step ends {@code CLIMBED}, the next level is asked
 * with its full time from now, and the timeline ({@code ALARM_CLIMBED}), the audit log and {@code
 * IncidentChanged(ALARM_CLIMBED)} say so. An alarm whose last level (the district) runs out ends
 * {@code LAPSED}: it stays open for the district centre to acknowledge, with no further clock
 * (timeline {@code ALARM_OVERDUE}). Since the alarm's due time moves past {@code now} in the same
 * transaction, no step is taken twice, whichever instances sweep.
 */
@Component
class AlarmClimb {

  private static final Logger log = LoggerFactory.getLogger(AlarmClimb.class);
  static final int BATCH = 200;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Timeline timeline;
  private final AuditLog audit;
  private final ApplicationEventPublisher events;
  private final AlarmProperties properties;

  AlarmClimb(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      Timeline timeline,
      AuditLog audit,
      ApplicationEventPublisher events,
      AlarmProperties properties) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.timeline = timeline;
    this.audit = audit;
    this.events = events;
    this.properties = properties;
  }

  @Scheduled(
      initialDelayString = "${wangge.alarm.sweep-interval:PT10S}",
      fixedDelayString = "${wangge.alarm.sweep-interval:PT10S}")
  void onSchedule() {
    try {
      int climbed = sweep(Instant.now());
      if (climbed > 0) {
        log.info("Alarms: {} climbed or lapsed", climbed);
      }
    } catch (RuntimeException e) {
      // The database may be away for a moment: the next sweep takes the alarms up.
      log.warn("Alarm sweep failed, will retry: {}", e.getMessage());
    }
  }

  /** Climbs every alarm due at {@code now} one level, batch by batch; answers how many stepped. */
  int sweep(Instant now) {
    int total = 0;
    while (true) {
      Integer n = transactions.execute(tx -> sweepBatch(now));
      total += n;
      if (n < BATCH) {
        return total;
      }
    }
  }

  private int sweepBatch(Instant now) {
    List<Alarms.Row> due =
        jdbc.query(
            Alarms.SELECT
                + """
                 WHERE a.state = 'OPEN' AND a.due_at <= ?
                ORDER BY a.due_at, a.id
                FETCH FIRST %d ROWS ONLY
                FOR UPDATE SKIP LOCKED""".formatted(BATCH),
            (rs, i) -> Alarms.row(rs),
            Timestamp.from(now));
    for (Alarms.Row a : due) {
      AlarmLevel next = a.level().next();
      String nextArea = next == null ? null : next.areaCode(a.place());
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("alarmId", a.id());
      detail.put("from", a.level().name());
      detail.put("fromAreaCode", a.levelAreaCode());
      if (next == null || nextArea == null) {
        jdbc.update("UPDATE alarm SET due_at = NULL WHERE id = ?", a.id());
        jdbc.update(
            "UPDATE alarm_step SET outcome = 'LAPSED', ended_at = ? WHERE alarm_id = ? AND level = ?",
            Timestamp.from(a.dueAt()), a.id(), a.level().name());
        timeline.record(
            a.incidentId(), now, "system", null, "ALARM_OVERDUE",
            "nobody acknowledged the alarm at the last level, " + a.level() + " " + a.levelAreaCode() + ", by " + a.dueAt(),
            detail);
        audit.change("ALARM_OVERDUE", "alarm", Long.toString(a.id()), a.place(), Map.of("dueAt", a.dueAt().toString()), detail);
        continue;
      }
      Instant nextDue = now.plus(properties.time(next));
      jdbc.update(
          "UPDATE alarm SET level = ?, level_area_code = ?, due_at = ? WHERE id = ?",
          next.name(), nextArea, Timestamp.from(nextDue), a.id());
      jdbc.update(
          "UPDATE alarm_step SET outcome = 'CLIMBED', ended_at = ? WHERE alarm_id = ? AND level = ?",
          Timestamp.from(a.dueAt()), a.id(), a.level().name());
      jdbc.update(
          "INSERT INTO alarm_step (alarm_id, level, area_code, asked_at, due_at) VALUES (?, ?, ?, ?, ?)",
          a.id(), next.name(), nextArea, Timestamp.from(now), Timestamp.from(nextDue));
      detail.put("level", next.name());
      detail.put("areaCode", nextArea);
      detail.put("dueAt", nextDue.toString());
      timeline.record(
          a.incidentId(), now, "system", null, "ALARM_CLIMBED",
          "not acknowledged at " + a.level() + " " + a.levelAreaCode() + " by " + a.dueAt() + ": asked " + next + " " + nextArea,
          detail);
      audit.change(
          "ALARM_CLIMBED", "alarm", Long.toString(a.id()), a.place(), Map.of("level", a.level().name()), Map.of("level", next.name()));
      var facts = timeline.facts(a.incidentId()).orElseThrow();
      events.publishEvent(
          new IncidentChanged(
              a.incidentId(), a.number(), "ALARM_CLIMBED", facts.status(), facts.gridCode(), facts.areaCode(), facts.departmentId(), now));
    }
    return due.size();
  }
}
