package org.wangge.gisdata.io;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.wangge.gisdata.crs.Crs;

/**
 * Plain timing of writing and reading N points (default 2,000,000) in every format, in EPSG:4547,
 * streaming. Not a test (no assertions on time); run it with a small heap to show that nothing
 * holds all the points:
 *
 * <pre>
 * java -Xmx256m -cp gis-data/target/test-classes:gis-data/target/classes:$(cat gis-data/target/cp.txt) \
 *     org.wangge.gisdata.io.FormatBenchmark 2000000
 * </pre>
 */
public final class FormatBenchmark {

  private FormatBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    List<FileFormat> formats = args.length > 1
        ? Arrays.stream(args[1].split(",")).map(FileFormat::parse).toList()
        : List.of(FileFormat.values());
    Crs crs = Crs.epsg(4547);
    GeometryFactory f = new GeometryFactory();
    Path dir = Files.createTempDirectory("wangge-bench");
    System.out.printf(Locale.ROOT, "%d points, EPSG:4547, max heap %d MiB%n", n,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "%-11s %9s %10s %10s %10s %9s%n", "format", "MB", "write s", "open s",
        "read s", "pts/s rd");
    for (FileFormat format : formats) {
      OutputLayer layer = new OutputLayer("addresses", "Point",
          List.of(new Field("code", FieldType.TEXT), new Field("address", FieldType.TEXT),
              new Field("households", FieldType.INTEGER), new Field("grid", FieldType.TEXT)),
          sink -> {
            for (int i = 0; i < n; i++) {
              double lon = 114.8 + (i % 2000) * 0.0001;
              double lat = 27.7 + (i / 2000) * 0.0001;
              sink.accept(f.createPoint(new Coordinate(lon, lat)),
                  Arrays.asList(String.format(Locale.ROOT, "3605020010010%08d", i),
                      "仙来西大道 " + i + " 号", (long) (i % 7), "360502001001001"));
            }
          });
      Path file = dir.resolve(GisFiles.fileName("bench", format, 1));
      long t0 = System.nanoTime();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        GisFiles.write(format, crs, List.of(layer), out, WriteOptions.defaults());
      }
      long t1 = System.nanoTime();
      long[] count = {0};
      double[] sum = {0};
      long t2;
      long t3;
      Path work = dir.resolve("work-" + format);
      try (FeatureSource src = GisFiles.open(file, work, ReadOptions.defaults())) {
        t2 = System.nanoTime();
        LayerInfo l = src.layers().get(0);
        GeometryColumns columns = format == FileFormat.CSV ? new GeometryColumns("x", "y", null) : null;
        src.read(l.name(), columns, feature -> {
          count[0]++;
          sum[0] += feature.geometry().getCoordinate().x;
        });
        t3 = System.nanoTime();
        if (count[0] != n || l.featureCount() != n) {
          throw new IllegalStateException(format + ": read " + count[0] + ", layer says " + l.featureCount());
        }
      }
      System.out.printf(Locale.ROOT, "%-11s %9.1f %10.1f %10.1f %10.1f %9.0f%n", format,
          Files.size(file) / 1e6, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
          n / ((t3 - t2) / 1e9));
      GisFiles.deleteTree(work);
      Files.delete(file);
    }
    GisFiles.deleteTree(dir);
  }
}
