package org.wangge.map;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.wangge.spatial.Wgs84;

/**
 * {@link TileEncoder} for the embedded H2GIS database: the query selects candidate areas through
 * the spatial index ({@code &&} with the tile's square in lon/lat; H2 would rather take the level
 * index and test every area of the level, 801 rows instead of 50 for a z14 tile of the demo city,
 * hence the hint); here they are tested exactly
 * against that square, projected to Web Mercator, clipped to the buffered tile, quantized and
 * encoded with mapbox-vector-tile-java. Only the polygonal part of a clipped boundary is kept (as
 * {@code ST_AsMVTGeom} does). Reads the {@code area} table directly, like {@link
 * PostgisTileEncoder}.
 */
final class JavaTileEncoder implements TileEncoder {

  private static final String SQL =
      """
      SELECT id, code, name, parent_code, households, ST_AsBinary(boundary) AS wkb
      FROM area USE INDEX (area_boundary_sx)
      WHERE level = ? AND valid_to IS NULL AND code LIKE ?
        AND boundary && ST_MakeEnvelope(?, ?, ?, ?, 4326)""";

  private static final MvtLayerParams PARAMS = new MvtLayerParams(EXTENT);
  private static final GeometryFactory MERCATOR = new GeometryFactory(Wgs84.FACTORY.getPrecisionModel(), 3857);

  /** An area as it goes into a tile. */
  private record Row(long id, String code, String name, String parentCode, int households, byte[] wkb) {}

  /** The feature's id and properties, from the {@link Row} carried as the geometry's user data. */
  private static final IUserDataConverter PROPERTIES =
      (userData, props, feature) -> {
        Row row = (Row) userData;
        feature.setId(row.id());
        tag(props, feature, "code", row.code());
        tag(props, feature, "name", row.name());
        tag(props, feature, "parentCode", row.parentCode());
        tag(props, feature, "households", row.households());
      };

  private final JdbcTemplate jdbc;

  JavaTileEncoder(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public byte[] encode(TileLayer layer, TileAddress t, String codePrefix) {
    Envelope box = t.lonLatBounds();
    List<Row> rows =
        jdbc.query(
            SQL,
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("code"),
                    rs.getString("name"),
                    rs.getString("parent_code"),
                    rs.getInt("households"),
                    rs.getBytes("wkb")),
            layer.level().name(),
            codePrefix + "%",
            box.getMinX(),
            box.getMinY(),
            box.getMaxX(),
            box.getMaxY());
    if (rows.isEmpty()) {
      return new byte[0];
    }
    Geometry square = Wgs84.FACTORY.toGeometry(box);
    Envelope tileBounds = t.mercatorBounds();
    Envelope clipBounds = new Envelope(tileBounds);
    clipBounds.expandBy(tileBounds.getWidth() * BUFFER / EXTENT);
    VectorTile.Tile.Layer.Builder builder = MvtUtil.newLayerBuilder(layer.id(), PARAMS);
    MvtLayerProps props = new MvtLayerProps();
    WKBReader wkb = new WKBReader(Wgs84.FACTORY);
    for (Row row : rows) {
      Geometry boundary = read(wkb, row);
      if (!square.intersects(boundary)) {
        continue;
      }
      Geometry clipped =
          JtsAdapter.createTileGeom(toMercator(boundary), tileBounds, clipBounds, MERCATOR, PARAMS, null);
      Geometry polygons = polygonal(clipped);
      if (polygons.isEmpty()) {
        continue;
      }
      polygons.setUserData(row);
      JtsAdapter.addFeatures(builder, polygons, props, PROPERTIES);
    }
    if (builder.getFeaturesCount() == 0) {
      return new byte[0];
    }
    MvtUtil.writeProps(builder, props);
    return VectorTile.Tile.newBuilder().addLayers(builder.build()).build().toByteArray();
  }

  private static Geometry read(WKBReader wkb, Row row) {
    try {
      return wkb.read(row.wkb());
    } catch (ParseException e) {
      throw new IllegalStateException("Unreadable boundary of area " + row.code(), e);
    }
  }

  /** A copy of a lon/lat geometry in Web Mercator metres. */
  static Geometry toMercator(Geometry lonLat) {
    Geometry copy = MERCATOR.createGeometry(lonLat);
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            seq.setOrdinate(i, CoordinateSequence.X, TileAddress.x(seq.getX(i)));
            seq.setOrdinate(i, CoordinateSequence.Y, TileAddress.y(seq.getY(i)));
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    return copy;
  }

  /** The polygons of a clipped geometry as one (multi)polygon; lines and points are dropped. */
  private static Geometry polygonal(Geometry g) {
    if (g instanceof Polygon || g instanceof org.locationtech.jts.geom.MultiPolygon) {
      return g;
    }
    List<Polygon> polygons = new ArrayList<>();
    PolygonExtracter.getPolygons(g, polygons);
    return polygons.size() == 1 ? polygons.getFirst() : MERCATOR.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  private static void tag(MvtLayerProps props, VectorTile.Tile.Feature.Builder feature, String key, Object value) {
    if (value != null) {
      feature.addTags(props.addKey(key));
      feature.addTags(props.addValue(value));
    }
  }
}
