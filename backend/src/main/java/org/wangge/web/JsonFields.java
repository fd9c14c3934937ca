package org.wangge.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;

/** Where in a JSON document a read failed, as a field path such as {@code layers[0].crs}. */
final class JsonFields {

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object )?(?:property|field) \"([^\"]*)\"");

  private JsonFields() {}

  /** The path of the field at fault, or {@code null} when the failure is not inside a field. */
  static String field(JacksonException e) {
    if (!e.getPath().isEmpty()) {
      return join(e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]").toList());
    }
    Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
    boolean inValue =
        duplicate.find()
            || e instanceof tools.jackson.core.exc.InputCoercionException
            || String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT).contains("numeric value");
    if (!inValue) {
      // A syntax error or a body of the wrong shape: the body as a whole is at fault.
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (e.processor() instanceof JsonParser parser) {
      for (TokenStreamContext c = parser.streamReadContext(); c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inObject()) {
          if (c.currentName() != null) {
            parts.add(c.currentName());
          }
        } else if (c.inArray()) {
          parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
      }
      Collections.reverse(parts);
    }
    duplicate.reset();
    if (duplicate.find()) {
      // The key given twice: replace the last name (the reader may not have moved to it yet).
      if (!parts.isEmpty() && !parts.getLast().startsWith("[")) {
        parts.removeLast();
      }
      parts.add(duplicate.group(1));
    }
    return parts.isEmpty() ? null : join(parts);
  }

  private static String join(List<String> parts) {
    var text = new StringBuilder();
    for (String part : parts) {
      if (!text.isEmpty() && !part.startsWith("[")) {
        text.append('.');
      }
      text.append(part);
    }
    return text.toString();
  }
}
