package org.wangge.incident;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.wangge.web.ProblemJson;

/**
 * The size limit of a multipart report ({@code POST /api/incidents}) or action ({@code POST
 * /api/incidents/{id}/actions}): at most {@link Photo#MAX_PHOTOS} photos of {@link Photo#MAX_BYTES}
 * and the JSON part, {@link #MAX_REQUEST_BYTES} in all (the servlet's own limit is the GIS import's,
 * 1 GB). A larger body is refused by its {@code Content-Length} before a byte of it is parsed (413,
 * field {@code photos}); a multipart body of unknown length (chunked) is refused with 411, since its
 * size could only be found by storing it. Browsers and phone HTTP libraries send the length.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class PhotoUploadLimit extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(PhotoUploadLimit.class);

  /** Six photos of 5 MB, and 2 MB for the JSON part and the multipart framing. */
  static final long MAX_REQUEST_BYTES = (long) Photo.MAX_PHOTOS * Photo.MAX_BYTES + (2L << 20);

  private static final Pattern PATHS = Pattern.compile("/api/incidents(/[^/]+/actions)?/?");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !"POST".equals(request.getMethod())
        || type == null
        || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
        || !PATHS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length < 0) {
      log.warn("Refused a multipart upload of unknown length to {}", request.getRequestURI());
      ProblemJson.write(
          response, 411, "Length Required",
          "Send the photos with a Content-Length (not chunked): the upload may be at most " + MAX_REQUEST_BYTES + " bytes.",
          "Content-Length");
      return;
    }
    if (length > MAX_REQUEST_BYTES) {
      log.warn("Refused a multipart upload of {} bytes to {}", length, request.getRequestURI());
      response.setHeader("Connection", "close");
      ProblemJson.write(
          response, 413, "Upload too large",
          "The upload is " + length + " bytes; at most " + Photo.MAX_PHOTOS + " photos of 5 MB each and the JSON part, "
              + MAX_REQUEST_BYTES + " bytes in all.",
          "photos");
      return;
    }
    chain.doFilter(request, response);
  }
}
