package org.wangge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wangge: grid-based community governance on a map. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WanggeApplication {

  public static void main(String[] args) {
    SpringApplication.run(WanggeApplication.class, args);
  }
}
