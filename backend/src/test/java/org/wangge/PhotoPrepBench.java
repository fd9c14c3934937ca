package org.wangge;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import org.openqa.selenium.By;

/**
 * How fast and how small js/photo-prep.js makes a 12-megapixel photo in headless Chromium, with
 * the CPU slowed down by the DevTools protocol ({@code Emulation.setCPUThrottlingRate}, default 4×)
 * as on a mid-range phone. Not a test: against a running backend (for /js/photo-prep.js and exifr),
 * it generates a 4000×3000 JPEG with photo-like detail (smooth light, shapes, edges and sensor
 * noise; quality 0.92, as phone cameras write), hands it to the page through a real file input,
 * and times {@code preparePhoto(file)} (EXIF read, decode, resize to 1,600 px, JPEG 0.8) with
 * {@code performance.now()}; one warm-up, then {@code --runs} runs.
 *
 * <pre>PhotoPrepBench --url http://localhost:8080 [--runs 5] [--throttle 4]</pre>
 */
public final class PhotoPrepBench {

  public static void main(String[] args) throws Exception {
    String url = "http://localhost:8080";
    int runs = 5;
    double throttle = 4;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--throttle" -> throttle = Double.parseDouble(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path photo = Files.createTempFile("wangge-12mp-", ".jpg");
    writePhotoLike(photo, 4000, 3000);
    System.out.printf(Locale.ROOT, "input: 4000×3000 JPEG, %,d bytes%n", Files.size(photo));
    try (var chromium = new HeadlessChromium()) {
      var browser = chromium.driver;
      browser.get(url + "/report/follow.html");
      browser.executeCdpCommand("Emulation.setCPUThrottlingRate", Map.of("rate", throttle));
      browser.executeScript(
          "const i = document.createElement('input'); i.type = 'file'; i.id = 'bench-file'; document.body.append(i);");
      browser.findElement(By.id("bench-file")).sendKeys(photo.toAbsolutePath().toString());
      List<Double> times = new ArrayList<>();
      long bytes = 0;
      String size = "";
      for (int run = 0; run <= runs; run++) {
        @SuppressWarnings("unchecked")
        var result =
            (Map<String, Object>)
                browser.executeAsyncScript(
                    """
                    const done = arguments[arguments.length - 1];
                    import('/js/photo-prep.js').then(async ({ preparePhoto }) => {
                      const file = document.getElementById('bench-file').files[0];
                      const start = performance.now();
                      const p = await preparePhoto(file);
                      done({ ms: performance.now() - start, bytes: p.blob.size, width: p.width, height: p.height });
                    }).catch((e) => done({ error: String(e) }));
                    """);
        if (result.containsKey("error")) {
          throw new IllegalStateException(String.valueOf(result.get("error")));
        }
        if (run > 0) {
          times.add(((Number) result.get("ms")).doubleValue());
        }
        bytes = ((Number) result.get("bytes")).longValue();
        size = result.get("width") + "×" + result.get("height");
      }
      times.sort(null);
      System.out.printf(
          Locale.ROOT,
          "CPU throttled %.0f×: output %s JPEG %,d bytes (%.0f KB); preparePhoto %d runs: median %.0f ms, min %.0f ms, max %.0f ms%n",
          throttle, size, bytes, bytes / 1024.0, times.size(), times.get(times.size() / 2), times.getFirst(), times.getLast());
    } finally {
      Files.deleteIfExists(photo);
    }
  }

  /** A synthetic photo: a sky-to-ground gradient, many shaded shapes with edges, and sensor noise. */
  static void writePhotoLike(Path file, int width, int height) throws IOException {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(120, 160, 210), 0, height, new java.awt.Color(90, 80, 60)));
    g.fillRect(0, 0, width, height);
    var random = new Random(15);
    for (int i = 0; i < 1500; i++) {
      int w = 20 + random.nextInt(400);
      int h = 20 + random.nextInt(300);
      int x = random.nextInt(width);
      int y = random.nextInt(height);
      var c1 = new java.awt.Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
      var c2 = c1.darker().darker();
      g.setPaint(new java.awt.GradientPaint(x, y, c1, x + w, y + h, c2));
      if (random.nextBoolean()) {
        g.fillOval(x, y, w, h);
      } else {
        g.fillRect(x, y, w, h);
      }
    }
    g.dispose();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int n = (int) (random.nextGaussian() * 6);
        int r = Math.clamp(((rgb >> 16) & 0xFF) + n, 0, 255);
        int gr = Math.clamp(((rgb >> 8) & 0xFF) + n, 0, 255);
        int b = Math.clamp((rgb & 0xFF) + n + (int) (random.nextGaussian() * 3), 0, 255);
        image.setRGB(x, y, (r << 16) | (gr << 8) | b);
      }
    }
    var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.92f);
    try (var out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }
}
