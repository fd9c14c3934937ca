package org.wangge.gisdata.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipSafetyTest {

  @TempDir Path dir;

  private Path zip(String name, Entry... entries) throws IOException {
    Path z = dir.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
      for (Entry e : entries) {
        out.putNextEntry(new ZipEntry(e.name));
        e.write(out);
        out.closeEntry();
      }
    }
    return z;
  }

  private record Entry(String name, long zeros, byte[] bytes) {
    void write(OutputStream out) throws IOException {
      if (bytes != null) {
        out.write(bytes);
      }
      byte[] block = new byte[64 * 1024];
      for (long left = zeros; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }
  }

  private static Entry text(String name, String content) {
    return new Entry(name, 0, content.getBytes(StandardCharsets.UTF_8));
  }

  private static long filesUnder(Path p) throws IOException {
    if (!Files.exists(p)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void aZipBombIsRefusedByRealInflatedBytesAndNothingIsLeft() throws IOException {
    // 20 MB of zeros compress to ~20 KB; the limit is 1 MB. A first harmless entry is written
    // before the bomb and must be deleted too.
    Path bomb = zip("bomb.zip", text("grids.prj", "GEOGCS[]"), new Entry("grids.shp", 20L << 20, null));
    assertThat(Files.size(bomb)).isLessThan(1 << 20);
    Path work = dir.resolve("work");
    assertThatThrownBy(() -> ZipSafety.unpack(bomb, work, 1 << 20, 100))
        .isInstanceOfSatisfying(GisFileException.class, e -> {
          assertThat(e.kind()).isEqualTo(GisFileException.Kind.ZIP_BOMB);
          assertThat(e.field()).isEqualTo("file");
          assertThat(e.getMessage()).contains("expands beyond 1 MiB").contains("raise the limit");
        });
    assertThat(work).doesNotExist();
    // Through GisFiles.open too, into an existing empty directory: left empty.
    Path existing = Files.createDirectories(dir.resolve("existing"));
    assertThatThrownBy(() -> GisFiles.open(bomb, existing, new ReadOptions(1 << 20, 100, null, null)))
        .isInstanceOf(GisFileException.class);
    assertThat(existing).isEmptyDirectory();
  }

  @Test
  void pathTraversalIsRefusedAndNothingIsWritten() throws IOException {
    for (String evil : List.of("../evil.txt", "a/../../evil.txt", "/tmp/evil-absolute.txt",
        "C:/evil.txt", "..\\evil.txt")) {
      Path z = zip("evil" + Math.abs(evil.hashCode()) + ".zip", text("ok.prj", "x"), text(evil, "pwned"));
      Path work = dir.resolve("work" + Math.abs(evil.hashCode()));
      assertThatThrownBy(() -> ZipSafety.unpack(z, work, 1 << 20, 100))
          .as(evil)
          .isInstanceOfSatisfying(GisFileException.class, e -> {
            assertThat(e.kind()).isEqualTo(GisFileException.Kind.PATH_TRAVERSAL);
            assertThat(e.getMessage()).contains(evil).contains("path traversal");
          });
      assertThat(work).doesNotExist();
    }
    assertThat(dir.resolve("evil.txt")).doesNotExist();
    assertThat(dir.getParent().resolve("evil.txt")).doesNotExist();
    assertThat(Path.of("/tmp/evil-absolute.txt")).doesNotExist();
  }

  @Test
  void tooManyEntriesAreRefused() throws IOException {
    Entry[] many = new Entry[12];
    for (int i = 0; i < many.length; i++) {
      many[i] = text("f" + i + ".txt", "x");
    }
    Path z = zip("many.zip", many);
    Path work = dir.resolve("work");
    assertThatThrownBy(() -> ZipSafety.unpack(z, work, 1 << 20, 10))
        .isInstanceOfSatisfying(GisFileException.class,
            e -> assertThat(e.kind()).isEqualTo(GisFileException.Kind.TOO_LARGE));
    assertThat(filesUnder(work)).isZero();
  }

  @Test
  void aNonEmptyWorkDirectoryIsRefusedAndKept() throws IOException {
    Path z = zip("ok.zip", text("a.csv", "x,y\n1,2\n"));
    Path work = Files.createDirectories(dir.resolve("busy"));
    Files.writeString(work.resolve("keep.txt"), "mine");
    assertThatThrownBy(() -> ZipSafety.unpack(z, work, 1 << 20, 10)).isInstanceOf(GisFileException.class);
    assertThat(work.resolve("keep.txt")).hasContent("mine");
  }

  @Test
  void aGoodZipUnpacksWithSubfolders() throws IOException {
    Path z = zip("good.zip", text("data/a.csv", "x,y\n1,2\n"), text("b.txt", "hello"));
    Path work = dir.resolve("work");
    List<Path> files = ZipSafety.unpack(z, work, 1 << 20, 10);
    assertThat(files).containsExactly(work.toAbsolutePath().normalize().resolve("data/a.csv"),
        work.toAbsolutePath().normalize().resolve("b.txt"));
    assertThat(work.resolve("b.txt")).hasContent("hello");
  }

  @Test
  void aZipWithNothingWeReadIsUnsupportedAndCleanedUp() throws IOException {
    Path z = zip("doc.zip", text("readme.docx", "x"));
    Path work = dir.resolve("work");
    assertThatThrownBy(() -> GisFiles.open(z, work, ReadOptions.defaults()))
        .isInstanceOfSatisfying(GisFileException.class, e -> {
          assertThat(e.kind()).isEqualTo(GisFileException.Kind.UNSUPPORTED);
          assertThat(e.getMessage()).contains("shapefile");
        });
    assertThat(filesUnder(work)).isZero();
  }
}
