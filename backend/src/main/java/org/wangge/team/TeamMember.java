package org.wangge.team;

import java.time.Instant;
import org.wangge.gisdata.model.MemberRole;
import org.wangge.web.PhoneMask;

/**
 * A team member as others see them. The phone number is masked ({@code 138****5678}).
 *
 * @param lon last known longitude (EPSG:4326), or {@code null}
 * @param lat last known latitude (EPSG:4326), or {@code null}
 */
public record TeamMember(
    String code,
    String name,
    MemberRole role,
    String phone,
    boolean onDuty,
    Double lon,
    Double lat,
    Instant lastSeenAt) {

  static TeamMember of(Member m) {
    var p = m.lastPosition();
    return new TeamMember(
        m.code(),
        m.name(),
        m.role(),
        PhoneMask.mask(m.phone()),
        m.onDuty(),
        p == null ? null : p.getX(),
        p == null ? null : p.getY(),
        m.lastSeenAt());
  }
}
