package org.wangge.web;

import java.beans.PropertyEditorSupport;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path and query numbers ({@code /api/incidents/{id}}, {@code page}, {@code size}) are plain
 * decimal digits with an optional minus sign. Spring's default number editor also reads {@code
 * 0x10}, {@code 0X10}, {@code #10} and {@code +16} as 16, and a converter alone does not stop it (the
 * binder falls back to that editor when a converter refuses), so every binder gets these editors: such
 * a value is a type mismatch, answered 400 naming the parameter ({@link ProblemHandler}).
 */
@ControllerAdvice
class DecimalNumbers {

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

  @InitBinder
  void decimalOnly(WebDataBinder binder) {
    binder.registerCustomEditor(long.class, new Decimal(false, true));
    binder.registerCustomEditor(Long.class, new Decimal(true, true));
    binder.registerCustomEditor(int.class, new Decimal(false, false));
    binder.registerCustomEditor(Integer.class, new Decimal(true, false));
  }

  /** Decimal digits only; Long.parseLong / Integer.parseInt refuse what does not fit. */
  static final class Decimal extends PropertyEditorSupport {
    private final boolean nullable;
    private final boolean isLong;

    Decimal(boolean nullable, boolean isLong) {
      this.nullable = nullable;
      this.isLong = isLong;
    }

    @Override
    public void setAsText(String text) {
      if (text == null || text.isEmpty()) {
        if (!nullable) {
          throw new IllegalArgumentException("a number is required");
        }
        setValue(null);
        return;
      }
      if (!DECIMAL.matcher(text).matches()) {
        throw new IllegalArgumentException("not a decimal whole number: '" + text + "'");
      }
      setValue(isLong ? (Object) Long.parseLong(text) : (Object) Integer.parseInt(text));
    }

    @Override
    public String getAsText() {
      Object value = getValue();
      return value == null ? "" : value.toString();
    }
  }
}
