package org.wangge.spatial;

import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.type.StandardBasicTypes;

/**
 * Adds {@code bbox_intersects(a, b)}: the bounding-box operator {@code a && b}, which both PostGIS
 * and H2 answer from the spatial index. Hibernate Spatial renders {@code st_intersects(a, b) = true}
 * on H2, which does not use the index, so queries pair it with this envelope test. Registered
 * through {@code META-INF/services}.
 */
public final class SpatialFunctionContributor implements FunctionContributor {

  @Override
  public void contributeFunctions(FunctionContributions contributions) {
    var booleanType =
        contributions
            .getTypeConfiguration()
            .getBasicTypeRegistry()
            .resolve(StandardBasicTypes.BOOLEAN);
    contributions.getFunctionRegistry().registerPattern("bbox_intersects", "(?1 && ?2)", booleanType);
  }
}
