package org.wangge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * JSON request bodies must be well-formed UTF-8 (RFC 8259 §8.1). Jackson decodes an overlong
 * sequence such as {@code C0 BC} as {@code <} without complaint, which would let a filter that looks
 * for {@code <} be walked around; so the body is checked as it is read, byte by byte (no buffering),
 * against RFC 3629's table of well-formed sequences: no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequence at the end. A malformed body fails with {@link MalformedUtf8}, which
 * {@link ProblemHandler} answers 400 naming {@code body}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class Utf8Bodies extends OncePerRequestFilter {

  /** A request body that is not well-formed UTF-8. */
  static final class MalformedUtf8 extends IOException {
    MalformedUtf8(long offset) {
      super("is not well-formed UTF-8 (byte " + offset + ")");
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return true;
    }
    String mime = type.toLowerCase(java.util.Locale.ROOT);
    int semicolon = mime.indexOf(';');
    mime = (semicolon < 0 ? mime : mime.substring(0, semicolon)).strip();
    return !(mime.equals("application/json") || mime.endsWith("+json"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(new Checked(request), response);
  }

  private static final class Checked extends HttpServletRequestWrapper {
    private ServletInputStream in;

    Checked(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (in == null) {
        in = new Validating(super.getInputStream());
      }
      return in;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /** Passes bytes through while checking them; throws {@link MalformedUtf8} at the first bad one. */
  static final class Validating extends ServletInputStream {
    private final ServletInputStream in;
    private final Utf8Check check = new Utf8Check();

    Validating(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        check.end();
      } else {
        check.next(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        check.end();
      }
      for (int i = 0; i < n; i++) {
        check.next(buffer[offset + i] & 0xff);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }

  /** RFC 3629's well-formed byte sequences as a state machine. */
  static final class Utf8Check {
    private int need;
    private int low = 0x80;
    private int high = 0xBF;
    private long offset;

    void next(int b) throws MalformedUtf8 {
      if (need == 0) {
        if (b < 0x80) {
          offset++;
          return;
        }
        low = 0x80;
        high = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) {
          need = 1;
        } else if (b == 0xE0) {
          need = 2;
          low = 0xA0;
        } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
          need = 2;
        } else if (b == 0xED) {
          need = 2;
          high = 0x9F;
        } else if (b == 0xF0) {
          need = 3;
          low = 0x90;
        } else if (b >= 0xF1 && b <= 0xF3) {
          need = 3;
        } else if (b == 0xF4) {
          need = 3;
          high = 0x8F;
        } else {
          throw new MalformedUtf8(offset);
        }
      } else {
        if (b < low || b > high) {
          throw new MalformedUtf8(offset);
        }
        need--;
        low = 0x80;
        high = 0xBF;
      }
      offset++;
    }

    void end() throws MalformedUtf8 {
      if (need != 0) {
        throw new MalformedUtf8(offset);
      }
    }
  }
}
