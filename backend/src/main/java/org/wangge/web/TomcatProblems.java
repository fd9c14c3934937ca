package org.wangge.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Requests Tomcat refuses before Spring MVC sees them — a request line or headers over the 8 KB
 * limit, {@code %2F} or {@code %00} in the path, a malformed request line — are answered as RFC 9457
 * problems naming what is at fault ({@code path}, {@code headers}), not with Tomcat's HTML page: the
 * host's error report valve is replaced by {@link ProblemValve}.
 */
@Configuration(proxyBeanMethods = false)
class TomcatProblems {

  private static final Logger log = LoggerFactory.getLogger(TomcatProblems.class);

  @Bean
  TomcatContextCustomizer problemErrorReports() {
    return context ->
        context.addLifecycleListener(
            event -> {
              // After every customizer (Spring Boot adds its own ErrorReportValve in one).
              if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() != null) {
                Pipeline pipeline = context.getParent().getPipeline();
                boolean ours = false;
                for (Valve valve : pipeline.getValves()) {
                  if (valve instanceof ProblemValve) {
                    ours = true;
                  } else if (valve instanceof ErrorReportValve) {
                    pipeline.removeValve(valve);
                  }
                }
                if (!ours) {
                  pipeline.addValve(new ProblemValve());
                }
              }
            });
  }

  /** Tomcat's error report, as problem+json. */
  static final class ProblemValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      AtomicBoolean ioAllowed = new AtomicBoolean(true);
      response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
      if (!ioAllowed.get()) {
        return;
      }
      String message = throwable != null && throwable.getMessage() != null ? throwable.getMessage() : response.getMessage();
      String field = field(status, message);
      String detail = detail(status, message);
      log.warn("Refused by Tomcat: {} {} ({})", status, detail, field);
      try {
        response.setContentType(ProblemJson.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        var writer = response.getReporter();
        if (writer != null) {
          writer.write(ProblemJson.body(status, title(status), detail, field));
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // The client has gone; nothing to answer.
      }
    }

    private static String field(int status, String message) {
      String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
      if (m.contains("header")) {
        return "headers";
      }
      if (status == 413) {
        return "body";
      }
      if (status == 414 || (status == 400 && m.isBlank()) || m.contains("uri") || m.contains("http protocol") || m.contains("request target") || m.contains("path")) {
        return "path";
      }
      if (m.contains("method")) {
        return "method";
      }
      return "request";
    }

    private static String detail(int status, String message) {
      String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
      if (m.contains("header") && m.contains("too large")) {
        return "The request line (method and URL) and headers together are larger than the server accepts (8 KB).";
      }
      if (status == 400 && (m.contains("uri") || m.contains("request target") || m.isEmpty())) {
        return "The URL is not acceptable: encoded '/' (%2F), '\\' or NUL (%00), invalid characters or a malformed request line.";
      }
      return message == null || message.isBlank() ? "The request was refused (" + status + ")." : message;
    }

    private static String title(int status) {
      var known = org.springframework.http.HttpStatus.resolve(status);
      return known == null ? "Error" : known.getReasonPhrase();
    }
  }
}
