package org.wangge.team;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface MemberRepository extends JpaRepository<Member, Long> {

  @Query("select m from Member m join m.gridCodes g where g = :gridCode")
  List<Member> findByGrid(String gridCode);

  @Query("select m from Member m left join fetch m.gridCodes where m.code = :code")
  java.util.Optional<Member> findByCode(String code);

  @Query("select g, count(m) from Member m join m.gridCodes g group by g")
  List<Object[]> countByGrid();
}
