package org.wangge.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.wangge.web.InvalidInputException;

class TileAddressTest {

  @Test
  void zoomZeroIsTheWholeWebMercatorSquare() {
    Envelope m = new TileAddress(0, 0, 0).mercatorBounds();
    assertThat(m.getMinX()).isCloseTo(-20_037_508.342789244, within(1e-6));
    assertThat(m.getMaxY()).isCloseTo(20_037_508.342789244, within(1e-6));
    Envelope g = new TileAddress(0, 0, 0).lonLatBounds();
    assertThat(g.getMinX()).isCloseTo(-180, within(1e-9));
    assertThat(g.getMaxX()).isCloseTo(180, within(1e-9));
    assertThat(g.getMaxY()).isCloseTo(85.0511287798, within(1e-9));
  }

  @Test
  void rowsCountFromTheNorthAndColumnsFromTheWest() {
    Envelope g = new TileAddress(1, 1, 1).lonLatBounds();
    assertThat(g.getMinX()).isCloseTo(0, within(1e-9));
    assertThat(g.getMaxY()).isCloseTo(0, within(1e-9));
    assertThat(g.getMinY()).isCloseTo(-85.0511287798, within(1e-9));
  }

  @Test
  void projectionRoundTrips() {
    for (double lat : new double[] {-80, -27.8, 0, 27.8, 60}) {
      assertThat(TileAddress.lat(TileAddress.y(lat))).isCloseTo(lat, within(1e-9));
    }
    assertThat(TileAddress.lon(TileAddress.x(114.93))).isCloseTo(114.93, within(1e-9));
  }

  @Test
  void badAddressesNameTheirField() {
    assertThatThrownBy(() -> TileAddress.parse("23", "0", "0")).isInstanceOf(InvalidInputException.class).hasFieldOrPropertyWithValue("field", "z");
    assertThatThrownBy(() -> TileAddress.parse("-1", "0", "0")).hasFieldOrPropertyWithValue("field", "z");
    assertThatThrownBy(() -> TileAddress.parse("2", "4", "0")).hasFieldOrPropertyWithValue("field", "x");
    assertThatThrownBy(() -> TileAddress.parse("2", "3", "4")).hasFieldOrPropertyWithValue("field", "y");
    assertThatThrownBy(() -> TileAddress.parse("2", "3", "+1")).hasFieldOrPropertyWithValue("field", "y");
    assertThatThrownBy(() -> TileAddress.parse("99999999999", "0", "0")).hasFieldOrPropertyWithValue("field", "z");
    assertThat(TileAddress.parse("22", "4194303", "0")).isEqualTo(new TileAddress(22, 4_194_303, 0));
  }
}
