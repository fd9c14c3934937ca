package org.wangge;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small real images for upload tests, written by ImageIO (so their headers parse). */
public final class TestImages {

  private TestImages() {}

  /** A PNG of width × height pixels. */
  public static byte[] png(int width, int height) {
    return write("png", width, height);
  }

  /** A JPEG of width × height pixels. */
  public static byte[] jpeg(int width, int height) {
    return write("jpeg", width, height);
  }

  private static byte[] write(String format, int width, int height) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0x3366cc);
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
