package org.wangge.incident;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The citizen's report page at {@code /report/} (web-map's report/index.html; public). */
@Configuration
class CitizenPages implements WebMvcConfigurer {
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/report", "/report/");
    registry.addViewController("/report/").setViewName("forward:/report/index.html");
  }
}
