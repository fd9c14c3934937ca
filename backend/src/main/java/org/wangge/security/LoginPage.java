package org.wangge.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code GET /login} shows the sign-in page of the web map; {@code GET /m/} the grid member's phone
 * app (which signs in by itself, with a device token).
 */
@Configuration
class LoginPage implements WebMvcConfigurer {
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addViewController("/login").setViewName("forward:/login.html");
    registry.addRedirectViewController("/m", "/m/");
    registry.addViewController("/m/").setViewName("forward:/m/index.html");
  }
}
