package org.wangge.gisdata.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Attribute encodings: .cpg names and detection (valid UTF-8 → UTF-8, else GBK). */
final class Encodings {

  static final Charset GBK = Charset.forName("GBK");

  /** How many bytes detection looks at. */
  static final int SAMPLE = 8 << 20;

  private Encodings() {}

  /**
   * The charset a .cpg (or an encoding option) names: UTF-8/UTF8/65001, GBK/936/CP936/GB2312/
   * ANSI 936 → GBK, GB18030, or any Java charset name. Empty if unknown.
   */
  static Optional<Charset> named(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String n = text.strip().toUpperCase(Locale.ROOT).replace("_", "-");
    switch (n) {
      case "UTF-8", "UTF8", "65001", "UTF-8-BOM" -> {
        return Optional.of(StandardCharsets.UTF_8);
      }
      case "GBK", "936", "CP936", "CP-936", "GB2312", "ANSI 936", "MS936", "WINDOWS-936", "EUC-CN" -> {
        return Optional.of(GBK);
      }
      case "GB18030", "54936" -> {
        return Optional.of(Charset.forName("GB18030"));
      }
      case "" -> {
        return Optional.empty();
      }
      default -> {}
    }
    try {
      return Optional.of(Charset.forName(n));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** UTF-8 if the bytes from offset on (a sample) decode as UTF-8, else GBK. */
  static Charset detect(Path file, long offset) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(Math.min(offset, Files.size(file)));
      byte[] sample = in.readNBytes(SAMPLE);
      return isUtf8(sample, sample.length == SAMPLE) ? StandardCharsets.UTF_8 : GBK;
    }
  }

  /** Whether the bytes are valid UTF-8; a sequence cut by the end of a truncated sample is fine. */
  static boolean isUtf8(byte[] bytes, boolean truncated) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, !truncated);
      if (r.isError()) {
        return false;
      }
      if (r.isUnderflow()) {
        break;
      }
      out.clear();
    }
    if (!truncated) {
      out.clear();
      return !d.flush(out).isError();
    }
    return true;
  }

  static boolean decodes(byte[] bytes, Charset c) {
    try {
      c.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
