package org.wangge;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import javax.imageio.ImageIO;

/**
 * Photos as a phone camera makes them, for the phone app's tests: a JPEG of a given size, optionally
 * with an EXIF block (capture time as DateTimeOriginal, position as GPS latitude/longitude) written
 * by hand (little-endian TIFF: IFD0 → Exif IFD and GPS IFD).
 */
public final class PhoneJpeg {

  private PhoneJpeg() {}

  public static Path write(Path dir, String name, int width, int height, LocalDateTime takenAt, Double lon, Double lat) throws IOException {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(new Color(90, 140, 190));
    g.fillRect(0, 0, width, height);
    g.setColor(new Color(240, 200, 60));
    g.fillOval(width / 4, height / 4, width / 2, height / 2);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, height / 12)));
    g.drawString(name, width / 10, height / 8);
    g.dispose();
    var out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    byte[] jpeg = out.toByteArray();
    if (takenAt != null || lon != null) {
      byte[] app1 = exif(takenAt, lon, lat);
      byte[] joined = new byte[jpeg.length + app1.length];
      joined[0] = jpeg[0];
      joined[1] = jpeg[1];
      System.arraycopy(app1, 0, joined, 2, app1.length);
      System.arraycopy(jpeg, 2, joined, 2 + app1.length, jpeg.length - 2);
      jpeg = joined;
    }
    Path file = dir.resolve(name + ".jpg");
    Files.write(file, jpeg);
    return file;
  }

  /** The APP1 segment (marker, length, "Exif\0\0", TIFF). */
  private static byte[] exif(LocalDateTime takenAt, Double lon, Double lat) {
    ByteBuffer tiff = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
    tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    // IFD0 at 8: two entries (Exif IFD pointer, GPS IFD pointer) + next-IFD 0 = 2 + 24 + 4 = 30 bytes → 38
    int exifIfd = 38;
    // Exif IFD: one entry (DateTimeOriginal) = 2 + 12 + 4 = 18 → 56; its value (20 bytes) at 56 → 76
    int dateValue = 56;
    int gpsIfd = 76;
    // GPS IFD: four entries = 2 + 48 + 4 = 54 → 130; latitude rationals (24) at 130, longitude at 154
    int latValue = 130;
    int lonValue = 154;
    tiff.putShort((short) 2);
    entry(tiff, 0x8769, 4, 1, exifIfd);
    entry(tiff, 0x8825, 4, 1, gpsIfd);
    tiff.putInt(0);
    tiff.position(exifIfd);
    tiff.putShort((short) 1);
    entry(tiff, 0x9003, 2, 20, dateValue);
    tiff.putInt(0);
    tiff.position(dateValue);
    String date = (takenAt == null ? LocalDateTime.of(2020, 1, 1, 0, 0) : takenAt).format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss"));
    tiff.put(date.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
    tiff.position(gpsIfd);
    if (lon == null) {
      tiff.putShort((short) 0);
      tiff.putInt(0);
    } else {
      tiff.putShort((short) 4);
      entry(tiff, 0x0001, 2, 2, 'N');
      entry(tiff, 0x0002, 5, 3, latValue);
      entry(tiff, 0x0003, 2, 2, 'E');
      entry(tiff, 0x0004, 5, 3, lonValue);
      tiff.putInt(0);
      tiff.position(latValue);
      rationals(tiff, lat);
      rationals(tiff, lon);
    }
    int tiffLength = 178;
    ByteBuffer segment = ByteBuffer.allocate(4 + 6 + tiffLength).order(ByteOrder.BIG_ENDIAN);
    segment.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiffLength));
    segment.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
    segment.put(tiff.array(), 0, tiffLength);
    return segment.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
    b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
  }

  /** Degrees, minutes, seconds as three rationals (seconds to 1/10,000). */
  private static void rationals(ByteBuffer b, double degrees) {
    int d = (int) Math.floor(degrees);
    double minutes = (degrees - d) * 60;
    int m = (int) Math.floor(minutes);
    long s = Math.round((minutes - m) * 60 * 10_000);
    b.putInt(d).putInt(1).putInt(m).putInt(1).putInt((int) s).putInt(10_000);
  }
}
