package org.wangge.incident;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.wangge.web.InvalidInputException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extra questions of an item of the responsibility list (e.g. "anyone hurt?") and the answers a
 * report gives to them: the one place that reads the questions, checks answers against them and
 * shows stored answers with their question. Parsed question lists are kept by their JSON text (few
 * distinct sets exist; keyed by content, so rows of another database or a later list version never
 * mix). Thread-safe.
 */
final class ReportQuestions {

  /** Question types. */
  static final Set<String> TYPES = Set.of("YES_NO", "NUMBER", "TEXT", "CHOICE");

  static final int MAX_TEXT = 500;

  /** One extra question as the list stores it. */
  record Question(String code, String text, String textEn, String type, List<String> choices, boolean required) {
    Question {
      choices = choices == null ? List.of() : List.copyOf(choices);
    }
  }

  /** A stored answer with its question, for the case card. */
  record Answer(String code, String question, String questionEn, String type, Object value) {}

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Map<String, List<Question>> PARSED = new ConcurrentHashMap<>();

  private ReportQuestions() {}

  /** The questions of a category row, in the list's order. */
  static List<Question> of(Category category) {
    String json = category.questionsJson();
    if (json == null || json.isBlank()) {
      return List.of();
    }
    return PARSED.computeIfAbsent(json, ReportQuestions::parse);
  }

  private static List<Question> parse(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    return List.copyOf(JSON.readValue(json, new TypeReference<List<Question>>() {}));
  }

  /**
   * Checks a report's answers against the item's questions and gives them as the JSON object to
   * store (in question order), or {@code null} when none is given. An empty value (null, blank)
   * counts as not answered. {@code lenient}: values may come as text (an Open311 form's {@code
   * attribute[code]=value}): {@code true}/{@code false} for yes/no, digits for numbers.
   *
   * @throws InvalidInputException naming {@code answers.<code>} (an unknown question, a value of
   *     the wrong type, a missing required answer)
   */
  static String check(Category item, Map<String, ?> answers, boolean lenient) {
    List<Question> questions = of(item);
    Map<String, Object> given = new LinkedHashMap<>();
    if (answers != null) {
      for (var entry : answers.entrySet()) {
        String code = entry.getKey();
        Question question =
            questions.stream().filter(q -> q.code().equals(code)).findFirst().orElseThrow(
                () -> new InvalidInputException(
                    "answers." + code,
                    questions.isEmpty()
                        ? "is not a question of item " + item.code() + ", which asks none; send no answers"
                        : "is not a question of item " + item.code() + "; its questions are "
                            + questions.stream().map(Question::code).toList()));
        Object value = value(question, entry.getValue(), lenient);
        if (value != null) {
          given.put(code, value);
        }
      }
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Question q : questions) {
      if (given.containsKey(q.code())) {
        ordered.put(q.code(), given.get(q.code()));
      } else if (q.required()) {
        throw new InvalidInputException(
            "answers." + q.code(), "is required for item " + item.code() + ": answer \"" + q.text() + "\" (" + q.textEn() + ")");
      }
    }
    return ordered.isEmpty() ? null : JSON.writeValueAsString(ordered);
  }

  /** The answer as stored (Boolean, Long or BigDecimal, String), or {@code null} for none. */
  private static Object value(Question q, Object raw, boolean lenient) {
    String field = "answers." + q.code();
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return null;
    }
    switch (q.type()) {
      case "YES_NO" -> {
        if (raw instanceof Boolean b) {
          return b;
        }
        if (lenient && raw instanceof String s) {
          String v = s.trim().toLowerCase(Locale.ROOT);
          if (v.equals("true") || v.equals("yes")) {
            return true;
          }
          if (v.equals("false") || v.equals("no")) {
            return false;
          }
        }
        throw new InvalidInputException(field, "must be true or false (" + q.textEn() + "), got " + shown(raw));
      }
      case "NUMBER" -> {
        BigDecimal number = null;
        if (raw instanceof Number n && !(raw instanceof Double d && !Double.isFinite(d))) {
          number = new BigDecimal(n.toString());
        } else if (lenient && raw instanceof String s) {
          try {
            number = new BigDecimal(s.trim());
          } catch (NumberFormatException e) {
            number = null;
          }
        }
        if (number == null || number.signum() < 0 || number.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
          throw new InvalidInputException(
              field, "must be a number from 0 to 1000000 (" + q.textEn() + "), got " + shown(raw));
        }
        number = number.stripTrailingZeros();
        return number.scale() <= 0 ? (Object) number.longValueExact() : number;
      }
      case "TEXT" -> {
        if (!(raw instanceof String s)) {
          throw new InvalidInputException(field, "must be text (" + q.textEn() + "), got " + shown(raw));
        }
        String text = s.trim();
        if (text.length() > MAX_TEXT) {
          throw new InvalidInputException(field, "is " + text.length() + " characters; at most " + MAX_TEXT + " are allowed");
        }
        return text;
      }
      case "CHOICE" -> {
        if (!(raw instanceof String s) || !q.choices().contains(s.trim())) {
          throw new InvalidInputException(
              field, "must be one of " + q.choices() + " (" + q.textEn() + "), got " + shown(raw));
        }
        return s.trim();
      }
      default -> throw new IllegalStateException("question " + q.code() + " has unknown type " + q.type());
    }
  }

  private static String shown(Object raw) {
    return raw instanceof String s ? "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'" : String.valueOf(raw);
  }

  /** Stored answers with their questions (in the item's order), or an empty list when none. */
  static List<Answer> shown(Category item, String answersJson) {
    if (answersJson == null || answersJson.isBlank()) {
      return List.of();
    }
    Map<String, Object> stored = JSON.readValue(answersJson, new TypeReference<LinkedHashMap<String, Object>>() {});
    List<Question> questions = of(item);
    List<Answer> result = new java.util.ArrayList<>();
    for (Question q : questions) {
      if (stored.containsKey(q.code())) {
        result.add(new Answer(q.code(), q.text(), q.textEn(), q.type(), stored.get(q.code())));
      }
    }
    // An answer whose question is no longer on this row (never expected: rows do not change).
    stored.forEach((code, value) -> {
      if (questions.stream().noneMatch(q -> q.code().equals(code))) {
        result.add(new Answer(code, code, code, "TEXT", value));
      }
    });
    return result;
  }
}
