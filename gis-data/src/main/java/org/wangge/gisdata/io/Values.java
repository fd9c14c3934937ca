package org.wangge.gisdata.io;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Pattern;

/** Type inference and coercion of attribute values. */
final class Values {

  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern DATETIME =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[-+][0-9]{2}:?[0-9]{2})?");

  private Values() {}

  /** The narrowest type a text value fits (TEXT for anything else); null for blank. */
  static FieldType typeOf(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    // Codes with leading zeros stay text ("0791", "360502001001001" is fine as integer but we keep
    // long digit strings as text: codes are text in Wangge).
    if (INTEGER.matcher(t).matches()) {
      String digits = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
      if ((digits.length() > 1 && digits.startsWith("0")) || digits.length() > 12) {
        return FieldType.TEXT;
      }
      return FieldType.INTEGER;
    }
    if (DECIMAL.matcher(t).matches()) {
      return FieldType.DECIMAL;
    }
    String l = t.toLowerCase(Locale.ROOT);
    if (l.equals("true") || l.equals("false")) {
      return FieldType.BOOLEAN;
    }
    if (DATE.matcher(t).matches() && parseDate(t) != null) {
      return FieldType.DATE;
    }
    if (DATETIME.matcher(t).matches() && parseInstant(t) != null) {
      return FieldType.DATETIME;
    }
    return FieldType.TEXT;
  }

  /** The common type of two (null = nothing seen yet). */
  static FieldType widen(FieldType a, FieldType b) {
    if (a == null) {
      return b;
    }
    if (b == null || a == b) {
      return a;
    }
    if ((a == FieldType.INTEGER && b == FieldType.DECIMAL)
        || (a == FieldType.DECIMAL && b == FieldType.INTEGER)) {
      return FieldType.DECIMAL;
    }
    if ((a == FieldType.DATE && b == FieldType.DATETIME)
        || (a == FieldType.DATETIME && b == FieldType.DATE)) {
      return FieldType.DATETIME;
    }
    return FieldType.TEXT;
  }

  /** The type of a value already typed (from GeoJSON). */
  static FieldType typeOfValue(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long || v instanceof Integer) {
      return FieldType.INTEGER;
    }
    if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      return FieldType.DECIMAL;
    }
    if (v instanceof Boolean) {
      return FieldType.BOOLEAN;
    }
    if (v instanceof LocalDate) {
      return FieldType.DATE;
    }
    if (v instanceof Instant) {
      return FieldType.DATETIME;
    }
    return FieldType.TEXT;
  }

  /** A text value as the type (null for blank; the text itself if it does not parse). */
  static Object parse(String text, FieldType type) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      return switch (type) {
        case TEXT -> text;
        case INTEGER -> Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        case DECIMAL -> Double.parseDouble(t);
        case BOOLEAN -> {
          String l = t.toLowerCase(Locale.ROOT);
          yield l.equals("true") ? Boolean.TRUE : l.equals("false") ? Boolean.FALSE : text;
        }
        case DATE -> {
          LocalDate d = parseDate(t);
          yield d == null ? text : d;
        }
        case DATETIME -> {
          Instant i = parseInstant(t);
          if (i == null) {
            LocalDate d = parseDate(t);
            yield d == null ? text : d.atStartOfDay(ZoneOffset.UTC).toInstant();
          }
          yield i;
        }
      };
    } catch (NumberFormatException e) {
      return text;
    }
  }

  static LocalDate parseDate(String t) {
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** ISO instant; without an offset, taken as UTC. */
  static Instant parseInstant(String t) {
    String s = t.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      // fall through
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A value as text for writing (dates ISO, numbers plainly). */
  static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (v instanceof Date d) {
      return d.toInstant().toString();
    }
    return v.toString();
  }

  /** A value coerced to the field type for writing (null if it cannot be). */
  static Object coerce(Object v, FieldType type) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case TEXT -> v instanceof String s ? s : text(v);
      case INTEGER -> v instanceof Number n ? (Object) n.longValue() : parse(v.toString(), type) instanceof Long l ? l : null;
      case DECIMAL -> v instanceof Number n ? (Object) n.doubleValue() : parse(v.toString(), type) instanceof Double d ? d : null;
      case BOOLEAN -> v instanceof Boolean b ? b : parse(v.toString(), type) instanceof Boolean b ? b : null;
      case DATE -> {
        if (v instanceof LocalDate d) {
          yield d;
        }
        if (v instanceof Instant i) {
          yield LocalDate.ofInstant(i, ZoneOffset.UTC);
        }
        yield parse(v.toString(), type) instanceof LocalDate d ? d : null;
      }
      case DATETIME -> {
        if (v instanceof Instant i) {
          yield i;
        }
        if (v instanceof LocalDate d) {
          yield d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (v instanceof Date d) {
          yield d.toInstant();
        }
        yield parse(v.toString(), type) instanceof Instant i ? i : null;
      }
    };
  }
}
