package org.wangge.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.wangge.web.InvalidInputException;
import tools.jackson.databind.json.JsonMapper;

class CaptureFactsTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void exifCaptureTimeWithItsOffsetAndGpsAreRead() {
    byte[] jpeg = ExifJpeg.of(OffsetDateTime.parse("2026-12-01T09:30:15+08:00"), 114.9212345, 27.8156789);
    CaptureFacts facts = CaptureFacts.fromExif(jpeg, ZoneId.of("UTC"));
    assertThat(facts.takenAt()).isEqualTo(Instant.parse("2026-12-01T01:30:15Z"));
    assertThat(facts.takenAtSource()).isEqualTo(CaptureFacts.EXIF);
    assertThat(facts.lon()).isCloseTo(114.9212345, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(facts.lat()).isCloseTo(27.8156789, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(facts.positionSource()).isEqualTo(CaptureFacts.EXIF);
  }

  @Test
  void southAndWestAreNegative() {
    CaptureFacts facts = CaptureFacts.fromExif(ExifJpeg.of(OffsetDateTime.parse("2026-12-01T09:30:15Z"), -3.5, -20.25), SHANGHAI);
    assertThat(facts.lon()).isCloseTo(-3.5, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(facts.lat()).isCloseTo(-20.25, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aFileWithoutExifOrNotAnImageHasNoFacts() {
    assertThat(CaptureFacts.fromExif(ExifJpeg.plainJpeg(), SHANGHAI)).isEqualTo(CaptureFacts.NONE);
    assertThat(CaptureFacts.fromExif(new byte[] {1, 2, 3}, SHANGHAI)).isEqualTo(CaptureFacts.NONE);
  }

  @Test
  void theFilesFactsWinFieldByField() {
    var client = new CaptureFacts(NOW, CaptureFacts.CLIENT, 114.0, 27.0, CaptureFacts.CLIENT);
    var exifTimeOnly = new CaptureFacts(Instant.EPOCH, CaptureFacts.EXIF, null, null, null);
    var merged = client.overriddenBy(exifTimeOnly);
    assertThat(merged).isEqualTo(new CaptureFacts(Instant.EPOCH, CaptureFacts.EXIF, 114.0, 27.0, CaptureFacts.CLIENT));
  }

  @Test
  void photoFactsAreAlignedWithThePhotosAndCheckedNamingTheEntry() {
    var facts = CaptureFacts.parse("[{\"takenAt\":\"2026-12-07T09:00:00Z\",\"lon\":114.9,\"lat\":27.8}, null]", 3, JSON, NOW);
    assertThat(facts).hasSize(3);
    assertThat(facts.get(0)).isEqualTo(new CaptureFacts(Instant.parse("2026-12-07T09:00:00Z"), "CLIENT", 114.9, 27.8, "CLIENT"));
    assertThat(facts.get(1)).isEqualTo(CaptureFacts.NONE);
    assertThat(facts.get(2)).isEqualTo(CaptureFacts.NONE);
    assertThat(CaptureFacts.parse(null, 2, JSON, NOW)).containsExactly(CaptureFacts.NONE, CaptureFacts.NONE);
    assertField("[{\"lon\":114.9,\"lat\":91}]", 1, "photoFacts[0].lat");
    assertField("[{}, {\"lon\":114.9}]", 2, "photoFacts[1].lat");
    assertField("[{\"takenAt\":\"yesterday\"}]", 1, "photoFacts[0].takenAt");
    assertField("[{\"takenAt\":\"2026-12-07T10:06:00Z\"}]", 1, "photoFacts[0].takenAt");
    assertField("[{\"altitude\":3}]", 1, "photoFacts[0].altitude");
    assertField("[{}, {}]", 1, "photoFacts");
    assertField("{\"takenAt\":\"2026-12-07T09:00:00Z\"}", 1, "photoFacts");
    assertField("[", 1, "photoFacts");
    // Five minutes of clock skew are fine.
    assertThat(CaptureFacts.parse("[{\"takenAt\":\"2026-12-07T10:04:00Z\"}]", 1, JSON, NOW).getFirst().takenAt()).isNotNull();
  }

  private static void assertField(String json, int photos, String field) {
    assertThatThrownBy(() -> CaptureFacts.parse(json, photos, JSON, NOW))
        .isInstanceOf(InvalidInputException.class)
        .extracting(e -> ((InvalidInputException) e).field())
        .isEqualTo(field);
  }
}
