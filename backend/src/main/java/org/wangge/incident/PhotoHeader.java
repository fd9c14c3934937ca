package org.wangge.incident;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.wangge.web.InvalidInputException;

/**
 * A photo's pixel dimensions, read from its header without decoding the pixels: JPEG and PNG
 * through ImageIO's readers ({@code getWidth}/{@code getHeight} read only the header), WebP from
 * its RIFF chunk header (VP8, VP8L or VP8X; ImageIO has no WebP reader). A file whose header does
 * not parse is not an image, whatever its first bytes say.
 */
final class PhotoHeader {

  private PhotoHeader() {}

  /** Width and height in pixels. */
  record Size(long width, long height) {
    long pixels() {
      return width * height;
    }
  }

  /** Refuses the photo (naming {@code field}) when its header does not parse or it has more than {@code maxPixels}. */
  static void check(String field, String contentType, byte[] data, long maxPixels) {
    Size size = read(contentType, data);
    if (size == null || size.width() < 1 || size.height() < 1) {
      throw new InvalidInputException(field, "is not a readable " + contentType + " image: its header does not parse");
    }
    if (size.pixels() > maxPixels) {
      throw new InvalidInputException(
          field,
          "is " + size.width() + " × " + size.height() + " pixels; a photo may have at most " + maxPixels
              + " pixels (wangge.incident.max-photo-pixels)");
    }
  }

  /** The size from the header, or {@code null} when the header cannot be read. */
  static Size read(String contentType, byte[] data) {
    return switch (contentType) {
      case "image/webp" -> webp(data);
      case "image/jpeg" -> imageIo("jpeg", data);
      case "image/png" -> imageIo("png", data);
      default -> null;
    };
  }

  private static Size imageIo(String format, byte[] data) {
    var readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      return null;
    }
    ImageReader reader = readers.next();
    try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      return new Size(reader.getWidth(0), reader.getHeight(0));
    } catch (IOException | RuntimeException e) {
      return null;
    } finally {
      reader.dispose();
    }
  }

  /** RIFF....WEBP then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
  private static Size webp(byte[] d) {
    if (d.length < 30) {
      return null;
    }
    String chunk = new String(d, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
    return switch (chunk) {
      case "VP8X" -> new Size(1 + u24(d, 24), 1 + u24(d, 27));
      case "VP8L" -> {
        if ((d[20] & 0xff) != 0x2f) {
          yield null;
        }
        long bits = (d[21] & 0xffL) | (d[22] & 0xffL) << 8 | (d[23] & 0xffL) << 16 | (d[24] & 0xffL) << 24;
        yield new Size(1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff));
      }
      case "VP8 " -> {
        // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
        if ((d[23] & 0xff) != 0x9d || (d[24] & 0xff) != 0x01 || (d[25] & 0xff) != 0x2a) {
          yield null;
        }
        yield new Size(u16(d, 26) & 0x3fff, u16(d, 28) & 0x3fff);
      }
      default -> null;
    };
  }

  private static int u16(byte[] d, int at) {
    return (d[at] & 0xff) | (d[at + 1] & 0xff) << 8;
  }

  private static int u24(byte[] d, int at) {
    return (d[at] & 0xff) | (d[at + 1] & 0xff) << 8 | (d[at + 2] & 0xff) << 16;
  }
}
