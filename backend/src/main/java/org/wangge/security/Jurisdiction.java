package org.wangge.security;

import java.util.function.Predicate;

/**
 * What a signed-in user may see: the subtree of {@code areaCode} (area codes nest, so a code is
 * inside when it starts with {@code areaCode}); an ADMIN without an area sees everything. A
 * department officer sees, within that subtree, only the cases of {@code departmentCode}.
 *
 * @param memberCode the grid team member this user is, or {@code null}
 */
public record Jurisdiction(
    long userId, String username, Role role, String areaCode, String departmentCode, String memberCode) {

  /** Whether the user sees every area (an ADMIN bound to no area). */
  public boolean everywhere() {
    return areaCode == null;
  }

  /** Whether an area, a grid or an address's grid with this code lies inside the jurisdiction. */
  public boolean covers(String code) {
    return areaCode == null || (code != null && code.startsWith(areaCode));
  }

  /**
   * Whether an area with this code is an ancestor of the jurisdiction's area (the chain above it:
   * visible as names and outlines for context, not in detail).
   */
  public boolean isAbove(String code) {
    return areaCode != null && code != null && areaCode.length() > code.length() && areaCode.startsWith(code);
  }

  /** A {@code LIKE} pattern matching every code inside the jurisdiction. */
  public String likePattern() {
    return areaCode == null ? "%" : areaCode + "%";
  }

  /** {@link #covers} as a predicate over grid codes, for in-memory indexes. */
  public Predicate<String> gridFilter() {
    if (areaCode == null) {
      return code -> true;
    }
    String prefix = areaCode;
    return code -> code != null && code.startsWith(prefix);
  }

  /** Whether cases are limited to the user's department. */
  public boolean departmentCasesOnly() {
    return role == Role.DEPARTMENT_OFFICER && departmentCode != null;
  }

  public boolean hasRole(Role... roles) {
    for (Role r : roles) {
      if (r == role) {
        return true;
      }
    }
    return false;
  }
}
