package org.wangge.web;

import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Path and query numbers ({@code /api/incidents/{id}}, {@code page}, {@code size}) are plain
 * decimal digits with an optional minus sign. Spring's default conversion also reads {@code 0x10}
 * and {@code #10} as 16, so that a mistyped or hostile id would silently name another case; here
 * such a value is a type mismatch, answered 400 naming the parameter ({@link ProblemHandler}).
 */
@Configuration(proxyBeanMethods = false)
class DecimalNumbers implements WebMvcConfigurer {

  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addConverter(String.class, Long.class, text -> text.isEmpty() ? null : Long.valueOf(decimal(text)));
    registry.addConverter(String.class, Integer.class, text -> text.isEmpty() ? null : Integer.valueOf(decimal(text)));
  }

  /** The text itself when it is decimal digits (optionally negative), else a NumberFormatException. */
  static String decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException("not a decimal whole number: '" + text + "'");
    }
    return text;
  }
}
