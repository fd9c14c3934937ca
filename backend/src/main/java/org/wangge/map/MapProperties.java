package org.wangge.map;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.map.*}: the basemap under the command map and the zoom levels at which each level
 * of the area tree is drawn. Checked at start-up: a bad value stops the application with a
 * message naming the property.
 *
 * @param basemap {@code wangge.map.basemap.*}
 * @param levels {@code wangge.map.levels.{districts|streets|communities|grids}.{min-zoom|max-zoom}}
 */
@ConfigurationProperties("wangge.map")
record MapProperties(Basemap basemap, Levels levels) {

  static final String PREFIX = "wangge.map.basemap.";

  MapProperties {
    basemap = basemap == null ? new Basemap(null, null, null, null, null, null, null) : basemap;
    levels = levels == null ? new Levels(null, null, null, null) : levels;
  }

  /**
   * The basemap.
   *
   * @param type {@code none} (default: a plain background, works with no internet), {@code
   *     tianditu} (天地图, Web Mercator WMTS with its label layer) or {@code xyz} (any XYZ tile URL)
   * @param url for {@code xyz}: the tile URL template with {@code {z}}, {@code {x}}, {@code {y}} and
   *     optionally {@code {s}}, e.g. {@code https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png}
   * @param subdomains for {@code xyz}: the characters {@code {s}} stands for, e.g. {@code abc}
   * @param attribution the credit shown on the map (default for Tianditu: 天地图)
   * @param maxZoom the deepest zoom the tile server has (0–22, default 18)
   * @param tiandituKey for {@code tianditu}: the browser key (tk) from console.tianditu.gov.cn
   * @param tiandituLayer for {@code tianditu}: {@code vec} (map, default) or {@code img} (imagery)
   */
  record Basemap(
      String type,
      String url,
      String subdomains,
      String attribution,
      Integer maxZoom,
      String tiandituKey,
      String tiandituLayer) {

    static final String TIANDITU_SUBDOMAINS = "01234567";
    static final String TIANDITU_URL =
        "https://t{s}.tianditu.gov.cn/%1$s_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=%1$s"
            + "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=%2$s";

    Basemap {
      type = blank(type) ? "none" : type.strip().toLowerCase(Locale.ROOT);
      subdomains = subdomains == null ? "" : subdomains.strip();
      maxZoom = maxZoom == null ? 18 : maxZoom;
      tiandituLayer = blank(tiandituLayer) ? "vec" : tiandituLayer.strip().toLowerCase(Locale.ROOT);
      if (maxZoom < 0 || maxZoom > TileAddress.MAX_ZOOM) {
        throw new IllegalArgumentException(PREFIX + "max-zoom must be from 0 to 22, got " + maxZoom);
      }
      switch (type) {
        case "none" -> {}
        case "tianditu" -> {
          if (blank(tiandituKey)) {
            throw new IllegalArgumentException(
                PREFIX + "tianditu-key is required when " + PREFIX + "type=tianditu: a browser key (tk) from "
                    + "https://console.tianditu.gov.cn, or set the type to none or xyz");
          }
          tiandituKey = tiandituKey.strip();
          if (!tiandituKey.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException(PREFIX + "tianditu-key must be letters and digits only");
          }
          if (!tiandituLayer.equals("vec") && !tiandituLayer.equals("img")) {
            throw new IllegalArgumentException(
                PREFIX + "tianditu-layer must be vec (map) or img (imagery), got '" + tiandituLayer + "'");
          }
        }
        case "xyz" -> {
          if (blank(url)) {
            throw new IllegalArgumentException(
                PREFIX + "url is required when " + PREFIX + "type=xyz, e.g. https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png");
          }
          url = url.strip();
          for (String placeholder : List.of("{z}", "{x}", "{y}")) {
            if (!url.contains(placeholder)) {
              throw new IllegalArgumentException(PREFIX + "url must contain " + placeholder + ", got '" + url + "'");
            }
          }
          if (url.contains("{s}") && subdomains.isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "subdomains must list what {s} in " + PREFIX + "url stands for, e.g. abc");
          }
          if (!subdomains.matches("[A-Za-z0-9]*")) {
            throw new IllegalArgumentException(PREFIX + "subdomains must be letters and digits, one per subdomain, e.g. abc");
          }
          origins(url, subdomains); // checks the scheme and host
        }
        default ->
            throw new IllegalArgumentException(PREFIX + "type must be none, tianditu or xyz, got '" + type + "'");
      }
    }

    /** The tile layers the map draws, bottom first. */
    List<MapConfigController.BasemapLayer> layers() {
      return switch (type) {
        case "tianditu" -> {
          String label = tiandituLayer.equals("img") ? "cia" : "cva";
          String credit = blank(attribution) ? "© 天地图 (国家地理信息公共服务平台)" : attribution;
          yield List.of(
              new MapConfigController.BasemapLayer(TIANDITU_URL.formatted(tiandituLayer, tiandituKey), TIANDITU_SUBDOMAINS, credit, maxZoom),
              new MapConfigController.BasemapLayer(TIANDITU_URL.formatted(label, tiandituKey), TIANDITU_SUBDOMAINS, "", maxZoom));
        }
        case "xyz" ->
            List.of(new MapConfigController.BasemapLayer(url, url.contains("{s}") ? subdomains : "", blank(attribution) ? "" : attribution, maxZoom));
        default -> List.of();
      };
    }

    /** The origins the browser fetches basemap tiles from: each {@code {s}} subdomain spelled out. */
    List<String> imageSources() {
      return switch (type) {
        case "tianditu" -> origins(TIANDITU_URL.formatted(tiandituLayer, tiandituKey), TIANDITU_SUBDOMAINS);
        case "xyz" -> origins(url, subdomains);
        default -> List.of();
      };
    }

    private static List<String> origins(String template, String subdomains) {
      List<String> hosts = new ArrayList<>();
      if (template.contains("{s}")) {
        for (char s : subdomains.toCharArray()) {
          hosts.add(origin(template.replace("{s}", String.valueOf(s))));
        }
      } else {
        hosts.add(origin(template));
      }
      return hosts.stream().distinct().toList();
    }

    private static String origin(String url) {
      URI uri;
      try {
        uri = URI.create(url.replaceAll("\\{[a-z]}", "0"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PREFIX + "url is not a URL: '" + url + "'");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw new IllegalArgumentException(PREFIX + "url must be an http(s) URL with a host, got '" + url + "'");
      }
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
  }

  /** The zoom levels at which each level of the area tree is drawn (its tile layer is used). */
  record Levels(ZoomRange districts, ZoomRange streets, ZoomRange communities, ZoomRange grids) {
    Levels {
      districts = ZoomRange.or(districts, 0, 11, "districts");
      streets = ZoomRange.or(streets, 11, 13, "streets");
      communities = ZoomRange.or(communities, 13, 15, "communities");
      grids = ZoomRange.or(grids, 15, 22, "grids");
    }

    ZoomRange of(TileLayer layer) {
      return switch (layer) {
        case DISTRICTS -> districts;
        case STREETS -> streets;
        case COMMUNITIES -> communities;
        case GRIDS -> grids;
      };
    }
  }

  /** Zooms {@code minZoom … maxZoom}, both in 0–22. */
  record ZoomRange(Integer minZoom, Integer maxZoom) {
    static ZoomRange or(ZoomRange range, int minZoom, int maxZoom, String name) {
      int min = range == null || range.minZoom() == null ? minZoom : range.minZoom();
      int max = range == null || range.maxZoom() == null ? maxZoom : range.maxZoom();
      if (min < 0 || max > TileAddress.MAX_ZOOM || min > max) {
        throw new IllegalArgumentException(
            "wangge.map.levels." + name + ".min-zoom and .max-zoom must satisfy 0 <= min-zoom <= max-zoom <= 22, got "
                + min + " and " + max);
      }
      return new ZoomRange(min, max);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
