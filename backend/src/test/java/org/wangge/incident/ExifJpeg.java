package org.wangge.incident;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A real JPEG (ImageIO, noisy pixels) with a hand-built EXIF APP1 segment, as a phone camera
 * writes it: a TIFF header, IFD0 pointing to the Exif IFD (DateTimeOriginal, OffsetTimeOriginal)
 * and the GPS IFD (latitude and longitude as degrees, minutes and seconds with N/S, E/W).
 */
public final class ExifJpeg {

  private ExifJpeg() {}

  /** A 64×48 JPEG taken at {@code takenAt} (its offset is written too) at WGS84 {@code lon}/{@code lat}. */
  public static byte[] of(OffsetDateTime takenAt, double lon, double lat) {
    return of(64, 48, takenAt, lon, lat);
  }

  /** A {@code width}×{@code height} JPEG with EXIF, as {@link #of(OffsetDateTime, double, double)}. */
  public static byte[] of(int width, int height, OffsetDateTime takenAt, double lon, double lat) {
    return withApp1(plainJpeg(width, height), app1(takenAt, lon, lat));
  }

  public static byte[] plainJpeg() {
    return plainJpeg(64, 48);
  }

  /** Smooth gradients with noise, so that the JPEG is not trivially small. */
  static byte[] plainJpeg(int width, int height) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var random = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (x * 255 / width + random.nextInt(40)) & 0xFF;
        int g = (y * 255 / height + random.nextInt(40)) & 0xFF;
        int b = random.nextInt(256);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The JPEG with the segment inserted right after its SOI marker (before ImageIO's JFIF APP0). */
  static byte[] withApp1(byte[] jpeg, byte[] app1) {
    var out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(app1, 0, app1.length);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  private static byte[] app1(OffsetDateTime takenAt, double lon, double lat) {
    byte[] tiff = tiff(takenAt, lon, lat);
    var segment = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
    segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
    segment.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII)).put(tiff);
    return segment.array();
  }

  private static final short ASCII = 2;
  private static final short LONG = 4;
  private static final short RATIONAL = 5;

  private static byte[] tiff(OffsetDateTime takenAt, double lon, double lat) {
    byte[] dateTime = ascii(takenAt.format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")));
    byte[] offset = ascii(takenAt.getOffset().getId().equals("Z") ? "+00:00" : takenAt.getOffset().getId());
    // Offsets: header 8, IFD0 (2 entries) 8..38, Exif IFD (2 entries) 38..68, its values 68..96,
    // GPS IFD (4 entries) 96..150, its rationals 150..198.
    int ifd0 = 8;
    int exifIfd = ifd0 + 2 + 2 * 12 + 4;
    int exifValues = exifIfd + 2 + 2 * 12 + 4;
    int gpsIfd = exifValues + dateTime.length + offset.length + ((dateTime.length + offset.length) % 2);
    int gpsValues = gpsIfd + 2 + 4 * 12 + 4;
    var b = ByteBuffer.allocate(gpsValues + 48).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd0);
    b.putShort((short) 2);
    entry(b, 0x8769, LONG, 1, exifIfd);
    entry(b, 0x8825, LONG, 1, gpsIfd);
    b.putInt(0);
    b.putShort((short) 2);
    entry(b, 0x9003, ASCII, dateTime.length, exifValues);
    entry(b, 0x9011, ASCII, offset.length, exifValues + dateTime.length);
    b.putInt(0);
    b.put(dateTime).put(offset);
    b.position(gpsIfd);
    b.putShort((short) 4);
    entryInline(b, 0x0001, ascii(lat >= 0 ? "N" : "S"));
    entry(b, 0x0002, RATIONAL, 3, gpsValues);
    entryInline(b, 0x0003, ascii(lon >= 0 ? "E" : "W"));
    entry(b, 0x0004, RATIONAL, 3, gpsValues + 24);
    b.putInt(0);
    dms(b, Math.abs(lat));
    dms(b, Math.abs(lon));
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, short type, int count, int valueOrOffset) {
    b.putShort((short) tag).putShort(type).putInt(count).putInt(valueOrOffset);
  }

  private static void entryInline(ByteBuffer b, int tag, byte[] text) {
    b.putShort((short) tag).putShort(ASCII).putInt(text.length);
    byte[] value = new byte[4];
    System.arraycopy(text, 0, value, 0, text.length);
    b.put(value);
  }

  /** Degrees, minutes and seconds (to 1/10000 s) as three rationals. */
  private static void dms(ByteBuffer b, double degrees) {
    int d = (int) degrees;
    double minutes = (degrees - d) * 60;
    int m = (int) minutes;
    long seconds = Math.round((minutes - m) * 60 * 10_000);
    b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) seconds).putInt(10_000);
  }

  private static byte[] ascii(String text) {
    return (text + "\0").getBytes(StandardCharsets.US_ASCII);
  }
}
