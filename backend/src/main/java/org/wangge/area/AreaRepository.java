package org.wangge.area;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Polygon;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.wangge.gisdata.model.AreaLevel;

interface AreaRepository extends JpaRepository<Area, Long> {

  @Query("select a from Area a where a.code = :code and a.validTo is null")
  Optional<Area> findCurrent(String code);

  @Query("select a from Area a where a.code in :codes and a.validTo is null")
  List<Area> findCurrent(Collection<String> codes);

  @Query("select a from Area a where a.level = :level and a.validTo is null order by a.code")
  List<Area> findCurrentByLevel(AreaLevel level);

  /**
   * Current areas of a level whose boundary intersects the box. The explicit envelope test
   * ({@code bbox_intersects}, the {@code &&} operator) lets both databases use the spatial index.
   */
  @Query(
      """
      select a from Area a
      where a.level = :level and a.validTo is null
        and bbox_intersects(a.boundary, :box) = true
        and st_intersects(a.boundary, :box) = true
      order by a.code""")
  List<Area> findCurrentByLevelIntersecting(AreaLevel level, Polygon box);

  /** Current areas of a level inside a subtree ({@code pattern}, LIKE) or among the codes above it. */
  @Query(
      """
      select a from Area a
      where a.level = :level and a.validTo is null and (a.code like :pattern or a.code in :above)
      order by a.code""")
  List<Area> findCurrentByLevelWithin(AreaLevel level, String pattern, Collection<String> above);

  @Query(
      """
      select a from Area a
      where a.level = :level and a.validTo is null and (a.code like :pattern or a.code in :above)
        and bbox_intersects(a.boundary, :box) = true
        and st_intersects(a.boundary, :box) = true
      order by a.code""")
  List<Area> findCurrentByLevelWithinIntersecting(
      AreaLevel level, String pattern, Collection<String> above, Polygon box);

  @Query("select count(a) from Area a where a.parentCode = :code and a.validTo is null")
  long countCurrentChildren(String code);

  @Query("select a from Area a where a.parentCode = :code and a.validTo is null order by a.code")
  List<Area> findCurrentChildren(String code);
}
