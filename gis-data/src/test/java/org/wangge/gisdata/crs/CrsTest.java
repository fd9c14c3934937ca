package org.wangge.gisdata.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class CrsTest {

  /**
   * Known values from PROJ 9 ({@code echo "27.8 114.3" | cs2cs -f %.4f EPSG:4326 EPSG:<code>},
   * axis order swapped back to easting, northing).
   */
  static Stream<Arguments> known() {
    return Stream.of(
        Arguments.of(4547, 114.3, 27.8, 529562.9396, 3076314.2756),
        Arguments.of(4526, 114.3, 27.8, 38529562.9396, 3076314.2756),
        Arguments.of(4508, 114.3, 27.8, 825293.8100, 3080650.3265),
        Arguments.of(4497, 114.3, 27.8, 19825293.8100, 3080650.3265),
        Arguments.of(4549, 120.6, 29.7, 558065.6447, 3287009.0602),
        Arguments.of(3857, 114.3, 27.8, 12723817.7977, 3223781.6855));
  }

  @ParameterizedTest
  @MethodSource("known")
  void projectsAsProjDoes(int code, double lon, double lat, double x, double y) {
    Crs crs = Crs.epsg(code);
    double[] xy = crs.fromWgs84(lon, lat);
    assertThat(xy[0]).isCloseTo(x, within(0.001));
    assertThat(xy[1]).isCloseTo(y, within(0.001));
    double[] back = crs.toWgs84(x, y);
    assertThat(back[0]).isCloseTo(lon, within(1e-8));
    assertThat(back[1]).isCloseTo(lat, within(1e-8));
  }

  @Test
  void everySupportedSystemRoundTripsSubMillimetre() {
    for (Crs crs : Crs.supported()) {
      double lon = crs.projected() && crs.epsg().getAsInt() != 3857 ? cm(crs) + 1.1 : 114.3;
      double lat = 27.8;
      double[] xy = crs.fromWgs84(lon, lat);
      double[] back = crs.toWgs84(xy[0], xy[1]);
      // 1e-8 degrees is about 1 mm
      assertThat(back[0]).as(crs.code()).isCloseTo(lon, within(1e-8));
      assertThat(back[1]).as(crs.code()).isCloseTo(lat, within(1e-8));
    }
  }

  private static double cm(Crs crs) {
    return crs.centralMeridian();
  }

  @Test
  void supportsTheWholeRange() {
    assertThat(Crs.supported()).hasSize(5 + 64);
    assertThat(Crs.epsg(4547).name()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 114E");
    assertThat(Crs.epsg(4526).name()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger zone 38");
    assertThat(Crs.epsg(4491).name()).isEqualTo("CGCS2000 / Gauss-Kruger zone 13");
    assertThat(Crs.epsg(4512).name()).isEqualTo("CGCS2000 / Gauss-Kruger CM 135E");
    assertThat(Crs.epsg(4554).name()).isEqualTo("CGCS2000 / 3-degree Gauss-Kruger CM 135E");
    assertThat(Crs.epsg(4547).projected()).isTrue();
    assertThat(Crs.GCJ02.projected()).isFalse();
    assertThat(Crs.GCJ02.epsg()).isEmpty();
    assertThatThrownBy(() -> Crs.epsg(2383)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EPSG:2383");
    assertThatThrownBy(() -> Crs.epsg(4555)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesEveryForm() {
    assertThat(Crs.parse("EPSG:4547")).isEqualTo(Crs.epsg(4547));
    assertThat(Crs.parse("4547")).isEqualTo(Crs.epsg(4547));
    assertThat(Crs.parse(" epsg:4547 ")).isEqualTo(Crs.epsg(4547));
    assertThat(Crs.parse("http://www.opengis.net/def/crs/EPSG/0/4547")).isEqualTo(Crs.epsg(4547));
    assertThat(Crs.parse("urn:ogc:def:crs:EPSG::4547")).isEqualTo(Crs.epsg(4547));
    assertThat(Crs.parse("http://www.opengis.net/def/crs/OGC/1.3/CRS84")).isSameAs(Crs.WGS84);
    assertThat(Crs.parse("CRS84")).isSameAs(Crs.WGS84);
    assertThat(Crs.parse("WGS84")).isSameAs(Crs.WGS84);
    assertThat(Crs.parse("CGCS2000")).isSameAs(Crs.CGCS2000);
    assertThat(Crs.parse("gcj02")).isSameAs(Crs.GCJ02);
    assertThat(Crs.parse("GCJ-02")).isSameAs(Crs.GCJ02);
    assertThat(Crs.parse("BD09")).isSameAs(Crs.BD09);
    assertThat(Crs.parse("bd-09")).isSameAs(Crs.BD09);
    assertThat(Crs.parse("EPSG:3857")).isSameAs(Crs.WEB_MERCATOR);
    assertThatThrownBy(() -> Crs.parse("Xian 1980")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accepted").hasMessageContaining("GCJ-02");
  }

  @Test
  void recognisesEsriPrjAsGdalWritesIt() {
    // .prj files written by ogr2ogr 3.6 (ESRI Shapefile driver) for these EPSG codes
    assertThat(Crs.fromWkt(
            "PROJCS[\"CGCS2000_3_Degree_GK_CM_114E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",114.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"))
        .contains(Crs.epsg(4547));
    assertThat(Crs.fromWkt(
            "PROJCS[\"CGCS2000_3_Degree_GK_Zone_38\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",38500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",114.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"))
        .contains(Crs.epsg(4526));
    assertThat(Crs.fromWkt(
            "PROJCS[\"CGCS2000_GK_CM_75E\",GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",75.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"))
        .contains(Crs.epsg(4502));
    assertThat(Crs.fromWkt(
            "PROJCS[\"WGS_1984_Web_Mercator_Auxiliary_Sphere\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Mercator_Auxiliary_Sphere\"],PARAMETER[\"False_Easting\",0.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",0.0],PARAMETER[\"Standard_Parallel_1\",0.0],PARAMETER[\"Auxiliary_Sphere_Type\",0.0],UNIT[\"Meter\",1.0]]"))
        .contains(Crs.WEB_MERCATOR);
    assertThat(Crs.fromWkt(
            "GEOGCS[\"GCS_China_Geodetic_Coordinate_System_2000\",DATUM[\"D_China_2000\",SPHEROID[\"CGCS2000\",6378137.0,298.257222101]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"))
        .contains(Crs.CGCS2000);
    assertThat(Crs.fromWkt(
            "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]"))
        .contains(Crs.WGS84);
  }

  @Test
  void ownEsriWktIsRecognisedForEverySystemWithACode() {
    for (Crs crs : Crs.supported()) {
      if (crs.epsg().isPresent()) {
        assertThat(Crs.fromWkt(crs.esriWkt())).as(crs.code()).contains(crs);
      }
    }
  }

  @Test
  void recognisesOgcWktByAuthorityAndWithout() {
    String ogc =
        "PROJCS[\"CGCS2000 / 3-degree Gauss-Kruger CM 114E\",GEOGCS[\"China Geodetic Coordinate System 2000\",DATUM[\"China_2000\",SPHEROID[\"CGCS2000\",6378137,298.257222101,AUTHORITY[\"EPSG\",\"1024\"]],AUTHORITY[\"EPSG\",\"1043\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4490\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",114],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Northing\",NORTH],AXIS[\"Easting\",EAST],AUTHORITY[\"EPSG\",\"4547\"]]";
    assertThat(Crs.fromWkt(ogc)).contains(Crs.epsg(4547));
    // The same without the top-level AUTHORITY: recognised by the parameters.
    String noCode = ogc.replace(",AUTHORITY[\"EPSG\",\"4547\"]]", "]");
    assertThat(noCode).doesNotContain("4547");
    assertThat(Crs.fromWkt(noCode)).contains(Crs.epsg(4547));
    // WKT2 with ID
    assertThat(Crs.fromWkt("GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,298.257223563]],CS[ellipsoidal,2],ID[\"EPSG\",4326]]"))
        .contains(Crs.WGS84);
  }

  @Test
  void unknownSystemsAreEmptyNeverGuessed() {
    // Xian 1980 3-degree GK CM 114E: same projection parameters, other datum.
    assertThat(Crs.fromWkt(
            "PROJCS[\"Xian_1980_3_Degree_GK_CM_114E\",GEOGCS[\"GCS_Xian_1980\",DATUM[\"D_Xian_1980\",SPHEROID[\"Xian_1980\",6378140.0,298.257]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Gauss_Kruger\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",114.0],PARAMETER[\"Scale_Factor\",1.0],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"))
        .isEmpty();
    // UTM zone 50N
    assertThat(Crs.fromWkt(
            "PROJCS[\"WGS_1984_UTM_Zone_50N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",117.0],PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]"))
        .isEmpty();
    // CGCS2000 GK with a CM that is not a zone's
    assertThat(Crs.fromWkt(Crs.epsg(4547).esriWkt().replace("114.0", "114.5"))).isEmpty();
    assertThat(Crs.fromWkt("PROJCS[\"x\",AUTHORITY[\"EPSG\",\"2383\"]]")).isEmpty();
    assertThat(Crs.fromWkt("garbage")).isEmpty();
    assertThat(Crs.fromWkt("")).isEmpty();
    assertThat(Crs.fromWkt(null)).isEmpty();
  }

  @Test
  void transformsGeometriesIntoNewOnes() {
    GeometryFactory f = new GeometryFactory();
    Geometry p = f.createPoint(new Coordinate(114.3, 27.8));
    Geometry xy = Crs.epsg(4547).fromWgs84(p);
    assertThat(xy.getSRID()).isEqualTo(4547);
    assertThat(xy.getCoordinate().x).isCloseTo(529562.9396, within(0.001));
    assertThat(p.getCoordinate().x).isEqualTo(114.3);
    Geometry back = Crs.epsg(4547).toWgs84(xy);
    assertThat(back.getSRID()).isEqualTo(4326);
    assertThat(back.getCoordinate().y).isCloseTo(27.8, within(1e-9));
    Geometry gcj = Crs.GCJ02.fromWgs84(p);
    double[] expected = ChinaOffsets.wgs84ToGcj02(114.3, 27.8);
    assertThat(gcj.getCoordinate().x).isEqualTo(expected[0]);
    assertThat(Crs.BD09.toWgs84(Crs.BD09.fromWgs84(p)).distance(p)).isLessThan(1e-8);
  }
}
