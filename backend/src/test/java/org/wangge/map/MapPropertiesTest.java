package org.wangge.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binding and checking of {@code wangge.map.*} with Spring Boot's {@link Binder}, without a context. */
class MapPropertiesTest {

  private static MapProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("wangge.map", MapProperties.class);
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Test
  void noBasemapAndTheDefaultZoomsWhenNothingIsSet() {
    MapProperties p = bind(Map.of());
    assertThat(p.basemap().type()).isEqualTo("none");
    assertThat(p.basemap().layers()).isEmpty();
    assertThat(p.basemap().imageSources()).isEmpty();
    assertThat(p.levels().districts()).isEqualTo(new MapProperties.ZoomRange(0, 11));
    assertThat(p.levels().streets()).isEqualTo(new MapProperties.ZoomRange(11, 13));
    assertThat(p.levels().communities()).isEqualTo(new MapProperties.ZoomRange(13, 15));
    assertThat(p.levels().grids()).isEqualTo(new MapProperties.ZoomRange(15, 22));
  }

  @Test
  void tiandituGivesTheBaseAndLabelLayersAndItsServers() {
    MapProperties p =
        bind(Map.of("wangge.map.basemap.type", "tianditu", "wangge.map.basemap.tianditu-key", "abc123", "wangge.map.basemap.tianditu-layer", "img"));
    var layers = p.basemap().layers();
    assertThat(layers).hasSize(2);
    assertThat(layers.get(0).url())
        .isEqualTo(
            "https://t{s}.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default"
                + "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123");
    assertThat(layers.get(1).url()).contains("/cia_w/wmts?", "LAYER=cia&", "tk=abc123");
    assertThat(layers).allSatisfy(l -> assertThat(l.subdomains()).isEqualTo("01234567"));
    assertThat(layers.get(0).attribution()).contains("天地图");
    assertThat(layers.get(0).maxZoom()).isEqualTo(18);
    assertThat(p.basemap().imageSources())
        .containsExactly(
            "https://t0.tianditu.gov.cn", "https://t1.tianditu.gov.cn", "https://t2.tianditu.gov.cn", "https://t3.tianditu.gov.cn",
            "https://t4.tianditu.gov.cn", "https://t5.tianditu.gov.cn", "https://t6.tianditu.gov.cn", "https://t7.tianditu.gov.cn");
    var vec = bind(Map.of("wangge.map.basemap.type", "tianditu", "wangge.map.basemap.tianditu-key", "k1")).basemap().layers();
    assertThat(vec.get(0).url()).contains("/vec_w/wmts?", "LAYER=vec&");
    assertThat(vec.get(1).url()).contains("/cva_w/wmts?", "LAYER=cva&");
  }

  @Test
  void xyzGivesItsUrlAndItsOriginsWithEachSubdomain() {
    MapProperties p =
        bind(
            Map.of(
                "wangge.map.basemap.type", "XYZ",
                "wangge.map.basemap.url", "https://{s}.tiles.example.org:8443/base/{z}/{x}/{y}.png",
                "wangge.map.basemap.subdomains", "ab",
                "wangge.map.basemap.attribution", "© Example",
                "wangge.map.basemap.max-zoom", "19"));
    assertThat(p.basemap().layers())
        .containsExactly(new MapConfigController.BasemapLayer("https://{s}.tiles.example.org:8443/base/{z}/{x}/{y}.png", "ab", "© Example", 19));
    assertThat(p.basemap().imageSources()).containsExactly("https://a.tiles.example.org:8443", "https://b.tiles.example.org:8443");
    MapProperties plain = bind(Map.of("wangge.map.basemap.type", "xyz", "wangge.map.basemap.url", "http://tiles.local/{z}/{x}/{y}.png"));
    assertThat(plain.basemap().imageSources()).containsExactly("http://tiles.local");
    assertThat(plain.basemap().layers().getFirst().subdomains()).isEmpty();
  }

  @Test
  void zoomRangesCanBeSet() {
    MapProperties p = bind(Map.of("wangge.map.levels.grids.min-zoom", "14", "wangge.map.levels.communities.max-zoom", "14"));
    assertThat(p.levels().grids()).isEqualTo(new MapProperties.ZoomRange(14, 22));
    assertThat(p.levels().communities()).isEqualTo(new MapProperties.ZoomRange(13, 14));
  }

  @Test
  void badSettingsStopTheStartNamingTheProperty() {
    Map<Map<String, String>, String> bad =
        Map.of(
            Map.of("wangge.map.basemap.type", "google"), "wangge.map.basemap.type must be none, tianditu or xyz",
            Map.of("wangge.map.basemap.type", "tianditu"), "wangge.map.basemap.tianditu-key is required",
            Map.of("wangge.map.basemap.type", "tianditu", "wangge.map.basemap.tianditu-key", "k", "wangge.map.basemap.tianditu-layer", "ter"),
                "wangge.map.basemap.tianditu-layer must be vec (map) or img",
            Map.of("wangge.map.basemap.type", "xyz"), "wangge.map.basemap.url is required",
            Map.of("wangge.map.basemap.type", "xyz", "wangge.map.basemap.url", "https://{s}.example.org/{z}/{x}/{y}.png"),
                "wangge.map.basemap.subdomains must list",
            Map.of("wangge.map.basemap.type", "xyz", "wangge.map.basemap.url", "https://example.org/{z}/{x}.png"), "must contain {y}",
            Map.of("wangge.map.basemap.type", "xyz", "wangge.map.basemap.url", "ftp://example.org/{z}/{x}/{y}.png"),
                "wangge.map.basemap.url must be an http(s) URL",
            Map.of("wangge.map.basemap.max-zoom", "30"), "wangge.map.basemap.max-zoom must be from 0 to 22",
            Map.of("wangge.map.levels.streets.min-zoom", "14"), "wangge.map.levels.streets.min-zoom and .max-zoom");
    bad.forEach(
        (properties, message) ->
            assertThatThrownBy(() -> bind(properties))
                .as(properties.toString())
                .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining(message)));
  }
}
