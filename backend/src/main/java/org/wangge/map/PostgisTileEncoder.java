package org.wangge.map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link TileEncoder} on PostGIS: one query selects the areas through the spatial index ({@code
 * &&} with the tile's square in EPSG:4326, where the boundaries are stored), tests them exactly
 * ({@code ST_Intersects}), and clips, quantizes and encodes them with {@code ST_AsMVTGeom} and
 * {@code ST_AsMVT}. Reads the {@code area} table directly, as vector tiles must be made next to
 * the data.
 */
final class PostgisTileEncoder implements TileEncoder {

  static final String SQL =
      """
      SELECT ST_AsMVT(f, ?, %d, 'geom', 'id') FROM (
        SELECT a.id, a.code, a.name, a.parent_code AS "parentCode", a.households,
               ST_AsMVTGeom(ST_Transform(a.boundary, 3857), ST_TileEnvelope(?, ?, ?), %d, %d, true) AS geom
        FROM area a
        WHERE a.level = ? AND a.valid_to IS NULL AND a.code LIKE ?
          AND a.boundary && ST_Transform(ST_TileEnvelope(?, ?, ?), 4326)
          AND ST_Intersects(a.boundary, ST_Transform(ST_TileEnvelope(?, ?, ?), 4326))
      ) f
      WHERE f.geom IS NOT NULL"""
          .formatted(EXTENT, EXTENT, BUFFER);

  private final JdbcTemplate jdbc;

  PostgisTileEncoder(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public byte[] encode(TileLayer layer, TileAddress t, String codePrefix) {
    byte[] mvt = jdbc.queryForObject(SQL, byte[].class, parameters(layer, t, codePrefix));
    return mvt == null ? new byte[0] : mvt;
  }

  /** The parameters of {@link #SQL}. */
  static Object[] parameters(TileLayer layer, TileAddress t, String codePrefix) {
    return new Object[] {
      layer.id(),
      t.z(), t.x(), t.y(),
      layer.level().name(),
      codePrefix + "%",
      t.z(), t.x(), t.y(),
      t.z(), t.x(), t.y()
    };
  }
}
