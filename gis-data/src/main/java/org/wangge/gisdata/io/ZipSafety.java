package org.wangge.gisdata.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks an uploaded zip safely.
 *
 * <ul>
 *   <li>Entries whose normalised path would leave the work directory — {@code ..} segments,
 *       absolute paths, drive letters, backslash tricks — are refused ({@link
 *       GisFileException.Kind#PATH_TRAVERSAL}). Every entry is written as a new regular file
 *       ({@code CREATE_NEW}, never through an existing link), so a symbolic-link entry becomes a
 *       small file holding the link text, never a link.
 *   <li>The bytes really inflated are counted while copying (the sizes in the headers are never
 *       trusted); past {@code maxExpandedBytes} the zip is refused ({@link
 *       GisFileException.Kind#ZIP_BOMB}), as is a zip with more than {@code maxEntries} entries.
 *   <li>On any refusal or read error everything written is deleted; the work directory is left as
 *       it was found (absent or empty).
 * </ul>
 */
public final class ZipSafety {

  private ZipSafety() {}

  /**
   * Unpacks {@code zip} into {@code workDir} (created if absent; must be empty).
   *
   * @return the regular files written, in zip order
   */
  public static List<Path> unpack(Path zip, Path workDir, long maxExpandedBytes, int maxEntries)
      throws GisFileException {
    boolean created = false;
    try {
      if (Files.exists(workDir)) {
        try (Stream<Path> s = Files.list(workDir)) {
          if (s.findAny().isPresent()) {
            throw new GisFileException(
                "file", GisFileException.Kind.UNREADABLE, "work directory " + workDir + " is not empty");
          }
        }
      } else {
        Files.createDirectories(workDir);
        created = true;
      }
    } catch (GisFileException e) {
      throw e;
    } catch (IOException e) {
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "cannot create the work directory " + workDir + ": " + e.getMessage(), e);
    }
    Path root = workDir.toAbsolutePath().normalize();
    List<Path> written = new ArrayList<>();
    try {
      long total = 0;
      int entries = 0;
      byte[] buffer = new byte[64 * 1024];
      try (InputStream raw = Files.newInputStream(zip);
          ZipInputStream in = new ZipInputStream(raw)) {
        ZipEntry e;
        while ((e = in.getNextEntry()) != null) {
          entries++;
          if (entries > maxEntries) {
            throw new GisFileException("file", GisFileException.Kind.TOO_LARGE,
                "the zip holds more than " + maxEntries + " entries (limit"
                    + " wangge.exchange.max-zip-entries); remove files or split the zip");
          }
          String name = e.getName();
          Path target = safeTarget(root, name);
          if (e.isDirectory()) {
            Files.createDirectories(target);
            continue;
          }
          Files.createDirectories(target.getParent());
          written.add(target);
          try (OutputStream out =
              Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
              total += n;
              if (total > maxExpandedBytes) {
                throw new GisFileException("file", GisFileException.Kind.ZIP_BOMB,
                    "the zip expands beyond " + human(maxExpandedBytes) + " (limit"
                        + " wangge.exchange.max-expanded-size); split the file or raise the limit");
              }
              out.write(buffer, 0, n);
            }
          }
        }
      }
      if (written.isEmpty()) {
        throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
            "the zip holds no files; zip the .shp/.shx/.dbf/.prj set or a .gpkg/.geojson/.fgb/.csv");
      }
      return written;
    } catch (GisFileException ex) {
      clean(root, created);
      throw ex;
    } catch (ZipException ex) {
      clean(root, created);
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "not a readable zip (" + ex.getMessage() + "); zip the files again", ex);
    } catch (IOException | RuntimeException ex) {
      clean(root, created);
      throw new GisFileException("file", GisFileException.Kind.UNREADABLE,
          "cannot unpack the zip: " + ex.getMessage(), ex);
    }
  }

  private static Path safeTarget(Path root, String name) throws GisFileException {
    String n = name.replace('\\', '/');
    boolean bad =
        n.isEmpty()
            || n.startsWith("/")
            || n.matches("^[A-Za-z]:.*")
            || n.indexOf('\0') >= 0;
    if (!bad) {
      for (String part : n.split("/")) {
        if (part.equals("..")) {
          bad = true;
          break;
        }
      }
    }
    Path target = bad ? null : root.resolve(n).normalize();
    if (bad || !target.startsWith(root) || target.equals(root)) {
      throw new GisFileException("file", GisFileException.Kind.PATH_TRAVERSAL,
          "the zip entry '" + name + "' points outside the folder it unpacks to (path traversal);"
              + " the zip was refused and nothing kept, zip the files with relative paths");
    }
    return target;
  }

  static String human(long bytes) {
    if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return String.format(Locale.ROOT, "%d bytes", bytes);
  }

  private static void clean(Path root, boolean created) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .filter(p -> created || !p.equals(root))
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort; reported by the caller's refusal
                }
              });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
