package org.wangge.gisdata.model;

import java.util.List;

/**
 * An extra question asked when an item is reported (e.g. "anyone hurt?"), answered in the report's
 * {@code answers} under {@code code}.
 *
 * @param code the answer's key, lower-case letters, digits and underscores
 * @param text the question in Chinese
 * @param textEn the question in English
 * @param type {@code YES_NO}, {@code NUMBER}, {@code TEXT} or {@code CHOICE}
 * @param choices the allowed answers of a {@code CHOICE} question, else empty
 * @param required whether a report without an answer is refused
 */
public record CategoryQuestion(
    String code, String text, String textEn, String type, List<String> choices, boolean required) {

  public CategoryQuestion {
    choices = choices == null ? List.of() : List.copyOf(choices);
  }
}
