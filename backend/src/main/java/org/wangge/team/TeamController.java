package org.wangge.team;

import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.wangge.security.AuditLog;
import org.wangge.security.CurrentUser;
import org.wangge.security.Jurisdiction;
import org.wangge.web.NotFoundException;

/**
 * {@code GET /api/members/{code}/contact}: a team member's phone unmasked, for the roles that call
 * people, when the member serves a grid inside the caller's jurisdiction. Every read is audited.
 */
@RestController
class TeamController {

  private final MemberRepository members;
  private final CurrentUser currentUser;
  private final AuditLog audit;

  TeamController(MemberRepository members, CurrentUser currentUser, AuditLog audit) {
    this.members = members;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  record MemberContact(String code, String name, String phone, List<String> gridCodes) {}

  @GetMapping("/api/members/{code}/contact")
  ResponseEntity<MemberContact> contact(@PathVariable String code) {
    Jurisdiction j = currentUser.require();
    if (!j.role().mayRevealContacts()) {
      throw new AccessDeniedException("A " + j.role() + " may not see members' phones unmasked.");
    }
    Member member =
        members
            .findByCode(code)
            .filter(m -> m.gridCodes().stream().anyMatch(j::covers))
            .orElseThrow(() -> new NotFoundException("No team member has code " + code + " in your jurisdiction."));
    String grid = member.gridCodes().stream().filter(j::covers).findFirst().orElse(null);
    audit.unmaskedRead("member", code, grid, List.of("phone"));
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(new MemberContact(member.code(), member.name(), member.phone(), List.copyOf(member.gridCodes())));
  }
}
