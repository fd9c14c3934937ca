package org.wangge.security;

import java.util.List;

/**
 * Servers outside this service that the pages load images from, such as a basemap's tile servers.
 * A feature that shows such images declares a bean of this type; the Content-Security-Policy's
 * {@code img-src} allows exactly these sources (plus {@code wangge.security.image-sources}), so
 * with none configured the pages load images from this origin only.
 */
public interface ExternalImageSources {

  /** CSP host sources such as {@code https://t0.tianditu.gov.cn}; empty for none. */
  List<String> imageSources();
}
