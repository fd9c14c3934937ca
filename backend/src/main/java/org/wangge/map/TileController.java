package org.wangge.map;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.web.NotFoundException;

/**
 * {@code GET /tiles/{layer}/{z}/{x}/{y}.mvt}: a Mapbox Vector Tile of the current boundaries of
 * one level of the area tree ({@code districts}, {@code streets}, {@code communities}, {@code
 * grids}) inside the caller's jurisdiction (see {@link TileEncoder} for its content). Answers with
 * {@code Cache-Control: private, max-age=300} and a strong {@code ETag}; a matching {@code
 * If-None-Match} gets {@code 304}. An unknown layer is {@code 404}, a bad tile address {@code 400}
 * naming {@code z}, {@code x} or {@code y}.
 */
@RestController
class TileController {

  static final MediaType MVT = MediaType.parseMediaType("application/vnd.mapbox-vector-tile");

  private final VectorTiles tiles;
  private final CurrentUser currentUser;

  TileController(VectorTiles tiles, CurrentUser currentUser) {
    this.tiles = tiles;
    this.currentUser = currentUser;
  }

  @GetMapping("/tiles/{layer}/{z}/{x}/{y}.mvt")
  ResponseEntity<byte[]> tile(
      @PathVariable String layer, @PathVariable String z, @PathVariable String x, @PathVariable String y) {
    Jurisdiction j = currentUser.require();
    TileLayer tileLayer =
        TileLayer.byId(layer)
            .orElseThrow(
                () -> new NotFoundException("No tile layer '" + layer + "'; the layers are " + String.join(", ", TileLayer.ids()) + "."));
    VectorTiles.Tile tile = tiles.tile(tileLayer, TileAddress.parse(z, x, y), j);
    // ResponseEntity answers 304 by itself when If-None-Match matches the ETag.
    return ResponseEntity.ok()
        .contentType(MVT)
        .cacheControl(CacheControl.maxAge(Duration.ofSeconds(300)).cachePrivate())
        .eTag(tile.etag())
        .body(tile.bytes());
  }
}
