package org.wangge.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;

/**
 * Request bodies are read strictly, so that a clumsy or hostile body is refused naming the field
 * instead of being half-understood: a key given twice ({@code {"source":"PATROL","source":"CITIZEN"}})
 * is refused rather than the last one winning; a field the endpoint does not know is refused rather
 * than ignored; a fraction where a whole number is expected ({@code "satisfaction": 5.5}) is refused
 * rather than truncated. {@link ProblemHandler} names the key or field in the 400.
 *
 * <p>This configures the application's one {@code JsonMapper}, which also reads what the service
 * stored itself (written by the same records, so it never holds unknown fields).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  JsonMapperBuilderCustomizer strictRequestBodies() {
    return builder ->
        builder
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }
}
