package org.wangge.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code wangge.demo.*}.
 *
 * @param load load the demo city on a start with an empty database (default {@code true})
 */
@ConfigurationProperties("wangge.demo")
record DemoProperties(Boolean load) {

  DemoProperties {
    load = load == null || load;
  }
}
