package org.wangge.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Content-Security-Policy of every answer: scripts, styles, fonts and connections only from
 * this origin; the one inline script each module page needs (its import map: the command map's, the
 * planning page's and the phone app's) allowed by its SHA-256, computed from the pages at start-up so that the
 * policy cannot drift from them; images also
 * from {@code data:}, {@code blob:} and the configured basemap servers; no frames, no plugins.
 */
final class ContentSecurityPolicy {

  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

  private ContentSecurityPolicy() {}

  static String build(List<String> imageSources) {
    List<String> scriptHashes = new ArrayList<>();
    for (String page : List.of("META-INF/resources/index.html", "META-INF/resources/planning.html", "META-INF/resources/m/index.html")) {
      scriptHashes.addAll(inlineScriptHashes(page));
    }
    for (String source : imageSources) {
      if (!source.matches("[A-Za-z0-9.*:/_-]+")) {
        throw new IllegalArgumentException("'" + source + "' is not a CSP image source such as https://t0.tianditu.gov.cn");
      }
    }
    String images = String.join(" ", imageSources.stream().distinct().toList());
    return "default-src 'self'; "
        + "script-src 'self'"
        + scriptHashes.stream().map(h -> " '" + h + "'").reduce("", String::concat)
        + "; style-src 'self'; img-src 'self' data: blob:"
        + (images.isEmpty() ? "" : " " + images)
        + "; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'";
  }

  static List<String> inlineScriptHashes(String resource) {
    try (InputStream in = ContentSecurityPolicy.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return List.of();
      }
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> hashes = new ArrayList<>();
      Matcher m = INLINE_SCRIPT.matcher(html);
      while (m.find()) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
        hashes.add("sha256-" + Base64.getEncoder().encodeToString(digest));
      }
      return hashes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
