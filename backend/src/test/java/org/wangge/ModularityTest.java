package org.wangge;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Keeps the feature graph acyclic and internals private (Spring Modulith). */
class ModularityTest {

  /**
   * The features under {@code org.wangge}; {@code org.wangge.gisdata} is the gis-data library
   * (a dependency like JTS), not a feature of the service.
   */
  static final ApplicationModules MODULES =
      ApplicationModules.of(WanggeApplication.class, resideInAPackage("org.wangge.gisdata.."));

  @Test
  void featuresDependOnEachOtherOnlyThroughTheirPublicFaceWithoutCycles() {
    MODULES.verify();
  }
}
