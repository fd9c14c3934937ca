package org.wangge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 9457 problem written straight to a servlet response, for answers given outside Spring MVC:
 * Tomcat's own rejections ({@link TomcatProblems}), the security firewall, the error page. Same
 * members as {@link ProblemHandler}'s: type, title, status, detail and the {@code field} at fault.
 */
public final class ProblemJson {

  public static final String MEDIA_TYPE = "application/problem+json";

  private ProblemJson() {}

  /** The problem as JSON text. */
  public static String body(int status, String title, String detail, String field) {
    var json = new StringBuilder(256).append("{\"type\":\"about:blank\",\"title\":");
    string(json, title).append(",\"status\":").append(status).append(",\"detail\":");
    string(json, detail);
    if (field != null) {
      string(json.append(",\"field\":"), field);
    }
    return json.append('}').toString();
  }

  /** Writes the problem as the whole response (status, content type, body). */
  public static void write(HttpServletResponse response, int status, String title, String detail, String field)
      throws IOException {
    byte[] bytes = body(status, title, detail, field).getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  private static StringBuilder string(StringBuilder json, String text) {
    json.append('"');
    String s = text == null ? "" : text;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
