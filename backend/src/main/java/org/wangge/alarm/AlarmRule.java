package org.wangge.alarm;

import java.util.Optional;
import org.wangge.gisdata.model.Risk;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a new case raises an alarm: its item raises alarms ({@code category.raises_alarm}), or
 * the configurable rule holds: the case's risk is {@code risk} and the answer to {@code question}
 * (the number of people involved, from the report's extra questions, {@code incident.answers}) is
 * at least {@code peopleInvolved}. An answer that is missing, not a number or not JSON does not
 * satisfy the rule. Immutable and thread-safe.
 */
record AlarmRule(boolean enabled, Risk risk, int peopleInvolved, String question) {

  /** Why a case raises an alarm. */
  enum Reason {
    /** The item raises alarms. */
    ITEM,
    /** High risk with many people involved (the rule). */
    RULE
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * @param raisesAlarm the item's flag
   * @param caseRisk the case's risk name ({@code HIGH} ...)
   * @param answers the report's answers as a JSON object keyed by question code, or {@code null}
   */
  Optional<Reason> reason(boolean raisesAlarm, String caseRisk, String answers) {
    if (raisesAlarm) {
      return Optional.of(Reason.ITEM);
    }
    if (!enabled || caseRisk == null || !risk.name().equals(caseRisk)) {
      return Optional.empty();
    }
    Long people = people(answers);
    return people != null && people >= peopleInvolved ? Optional.of(Reason.RULE) : Optional.empty();
  }

  /** The number answered to the question, or {@code null}. */
  Long people(String answers) {
    if (answers == null || answers.isBlank()) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(answers);
    } catch (JacksonException e) {
      return null;
    }
    JsonNode value = node == null ? null : node.get(question);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return (long) Math.floor(value.asDouble());
    }
    if (value.isString() && value.asString().strip().matches("\\d{1,9}")) {
      return Long.parseLong(value.asString().strip());
    }
    return null;
  }
}
