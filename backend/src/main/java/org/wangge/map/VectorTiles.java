package org.wangge.map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wangge.area.GridBoundariesPublished;
import org.wangge.security.Jurisdiction;

/**
 * Vector tiles of the area tree, limited to a jurisdiction, from a cache of encoded tiles. The
 * cache is keyed by layer, tile and jurisdiction prefix (users of one area share their tiles),
 * holds at most {@link #CACHE_BYTES} of tiles, and is emptied when boundaries change ({@link
 * GridBoundariesPublished}, after its transaction commits). Thread-safe: concurrent requests for
 * the same missing tile encode it once.
 */
@Component
class VectorTiles {

  private static final Logger log = LoggerFactory.getLogger(VectorTiles.class);
  static final long CACHE_BYTES = 64L * 1024 * 1024;

  /** An encoded tile and its strong entity tag (a hash of the bytes). */
  record Tile(byte[] bytes, String etag) {}

  private record Key(TileLayer layer, TileAddress tile, String codePrefix) {}

  private final TileEncoder encoder;
  private final Cache<Key, Tile> cache =
      Caffeine.newBuilder()
          .maximumWeight(CACHE_BYTES)
          .weigher((Key k, Tile t) -> t.bytes().length + 200)
          .build();

  VectorTiles(DataSource dataSource, JdbcTemplate jdbc) {
    this.encoder = isPostgres(dataSource) ? new PostgisTileEncoder(jdbc) : new JavaTileEncoder(jdbc);
    log.info("Vector tiles encoded by {}", encoder.getClass().getSimpleName());
  }

  /** The tile of a layer as a jurisdiction sees it: only areas in its subtree. */
  Tile tile(TileLayer layer, TileAddress address, Jurisdiction jurisdiction) {
    String prefix = jurisdiction.everywhere() ? "" : jurisdiction.areaCode();
    return cache.get(new Key(layer, address, prefix), k -> tile(encoder.encode(k.layer(), k.tile(), k.codePrefix())));
  }

  /** The encoder in use (tests compare both). */
  TileEncoder encoder() {
    return encoder;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(GridBoundariesPublished event) {
    clear();
  }

  /** Forgets every cached tile. */
  void clear() {
    cache.invalidateAll();
  }

  private static Tile tile(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new Tile(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (var connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot tell which database this is", e);
    }
  }
}
