package org.wangge.map;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.ExternalImageSources;

/**
 * {@code GET /api/map/config}: what the command map needs to set itself up, from {@link
 * MapProperties}: the basemap's tile layers (none, Tianditu with its label layer, or an XYZ URL),
 * the zoom range of each level of the area tree with its vector-tile layer, and the live feed.
 */
@RestController
class MapConfigController {

  /** {@code type}: none, tianditu or xyz; {@code layers}: bottom first, empty for none. */
  record Basemap(String type, List<BasemapLayer> layers) {}

  /**
   * A Leaflet tile layer: {@code url} with {@code {z}}, {@code {x}}, {@code {y}} and maybe {@code
   * {s}}, which stands for one character of {@code subdomains} ({@code ""}: none).
   */
  record BasemapLayer(String url, String subdomains, String attribution, int maxZoom) {}

  /** A level of the area tree ({@code DISTRICT} …), its tile layer and the zooms it is drawn at. */
  record Level(String level, String layer, int minZoom, int maxZoom) {}

  record Live(String url) {}

  record MapConfig(Basemap basemap, List<Level> levels, Live live) {}

  private final MapConfig config;
  private final CurrentUser currentUser;

  MapConfigController(MapProperties properties, CurrentUser currentUser) {
    this.currentUser = currentUser;
    var basemap = properties.basemap();
    this.config =
        new MapConfig(
            new Basemap(basemap.type(), basemap.layers()),
            Arrays.stream(TileLayer.values())
                .map(l -> {
                  var zoom = properties.levels().of(l);
                  return new Level(l.level().name(), l.id(), zoom.minZoom(), zoom.maxZoom());
                })
                .toList(),
            new Live("/api/live"));
  }

  @GetMapping("/api/map/config")
  MapConfig config() {
    currentUser.require();
    return config;
  }

  /** The basemap's tile servers, for the Content-Security-Policy's {@code img-src}. */
  @Component
  static class BasemapImageSources implements ExternalImageSources {
    private final List<String> sources;

    BasemapImageSources(MapProperties properties) {
      this.sources = properties.basemap().imageSources();
    }

    @Override
    public List<String> imageSources() {
      return sources;
    }
  }
}
