package org.wangge.incident;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.wangge.web.InvalidInputException;

/**
 * A photo attached to a report, checked by its content (magic bytes), not by the type the client
 * claims. JPEG, PNG and WebP up to {@link #MAX_BYTES}.
 *
 * @param sha256 hex SHA-256 of the bytes, stored as the photo's checksum
 * @param clientFacts what the phone said about the photo (its {@code photoFacts} entry); the
 *     file's own EXIF is read when it is stored ({@link PhotoStore}) and preferred
 */
record Photo(String contentType, byte[] data, String sha256, CaptureFacts clientFacts) {

  Photo(String contentType, byte[] data, String sha256) {
    this(contentType, data, sha256, CaptureFacts.NONE);
  }

  /** The photos with their {@code photoFacts} entries (one per photo, in order). */
  static java.util.List<Photo> withClientFacts(java.util.List<Photo> photos, java.util.List<CaptureFacts> facts) {
    var result = new java.util.ArrayList<Photo>(photos.size());
    for (int i = 0; i < photos.size(); i++) {
      Photo p = photos.get(i);
      result.add(new Photo(p.contentType(), p.data(), p.sha256(), facts.get(i)));
    }
    return result;
  }

  static final int MAX_BYTES = 5 * 1024 * 1024;
  static final int MAX_PHOTOS = 6;

  /** Checks one uploaded file; {@code field} names it in errors (e.g. {@code photos[1]}). */
  /**
   * The photos of a multipart request's {@code photos} part ({@code null}: none), each checked;
   * more than {@link #MAX_PHOTOS} or an unreadable file is bad input naming it.
   */
  static java.util.List<Photo> fromUploads(java.util.List<org.springframework.web.multipart.MultipartFile> files) {
    var uploads = files == null ? java.util.List.<org.springframework.web.multipart.MultipartFile>of() : files;
    if (uploads.size() > MAX_PHOTOS) {
      throw new InvalidInputException("photos", "has " + uploads.size() + " files; at most " + MAX_PHOTOS + " are allowed");
    }
    var photos = new java.util.ArrayList<Photo>();
    for (int i = 0; i < uploads.size(); i++) {
      try {
        photos.add(of("photos[" + i + "]", uploads.get(i).getBytes()));
      } catch (java.io.IOException e) {
        throw new InvalidInputException("photos[" + i + "]", "could not be read: " + e.getMessage());
      }
    }
    return photos;
  }

  static Photo of(String field, byte[] data) {
    if (data.length == 0) {
      throw new InvalidInputException(field, "is empty");
    }
    if (data.length > MAX_BYTES) {
      throw new InvalidInputException(
          field, "is " + data.length + " bytes; a photo may be at most " + MAX_BYTES + " bytes (5 MB)");
    }
    String type = sniff(data);
    if (type == null) {
      throw new InvalidInputException(field, "is not a JPEG, PNG or WebP image");
    }
    return new Photo(type, data, sha256(data));
  }

  private static String sniff(byte[] d) {
    if (d.length >= 3 && (d[0] & 0xff) == 0xFF && (d[1] & 0xff) == 0xD8 && (d[2] & 0xff) == 0xFF) {
      return "image/jpeg";
    }
    if (d.length >= 8
        && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G'
        && d[4] == 0x0D && d[5] == 0x0A && d[6] == 0x1A && d[7] == 0x0A) {
      return "image/png";
    }
    if (d.length >= 12
        && d[0] == 'R' && d[1] == 'I' && d[2] == 'F' && d[3] == 'F'
        && d[8] == 'W' && d[9] == 'E' && d[10] == 'B' && d[11] == 'P') {
      return "image/webp";
    }
    return null;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
