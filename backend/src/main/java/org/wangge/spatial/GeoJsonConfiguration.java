package org.wangge.spatial;

import org.locationtech.jts.geom.Geometry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wangge.gisdata.geojson.GeoJsonWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Writes JTS geometries in HTTP responses as RFC 7946 GeoJSON geometries, with the same writer the
 * {@code gis-data} files use (counter-clockwise shells, at most 7 decimals).
 */
@Configuration(proxyBeanMethods = false)
class GeoJsonConfiguration {

  @Bean
  SimpleModule geoJsonModule() {
    var module = new SimpleModule("wangge-geojson");
    module.addSerializer(
        Geometry.class,
        new ValueSerializer<>() {
          @Override
          public void serialize(Geometry value, JsonGenerator gen, SerializationContext ctxt) {
            GeoJsonWriter.writeGeometry(gen, value);
          }
        });
    return module;
  }
}
