package org.wangge.map;

/**
 * Encodes one Mapbox Vector Tile (MVT 2.1) of a {@link TileLayer}: one layer named like it, extent
 * {@link #EXTENT}, geometries clipped to the tile square widened by {@link #BUFFER} units on every
 * side. A tile holds the current areas of the layer's level whose code starts with {@code
 * codePrefix} (empty: all) and whose boundary intersects the tile's square (touching counts);
 * each feature has the area row's id as its id and the properties {@code code}, {@code name},
 * {@code parentCode} and {@code households} (an integer). A tile with no feature is zero bytes,
 * which is a valid empty MVT.
 *
 * <p>Two implementations, chosen by the database at start-up: {@link PostgisTileEncoder} ({@code
 * ST_AsMVT} next to the data) and {@link JavaTileEncoder} (the embedded H2GIS database, encoded in
 * Java). Both are thread-safe.
 */
interface TileEncoder {

  int EXTENT = 4096;
  int BUFFER = 64;

  byte[] encode(TileLayer layer, TileAddress tile, String codePrefix);
}
