/**
 * The member's field work: device sign-in for a shift (a device token remembered on the phone,
 * hashed at rest, rotated on every use, expiring, revocable by an ADMIN: {@code /api/devices},
 * {@code /api/admin/devices}); patrols (巡查) with their tracks uploaded in batches, also late and
 * out of order ({@code /api/patrols}); and patrol coverage (巡查覆盖率): the share of a grid's
 * standard addresses within 50 m of a track. Public face: {@link org.wangge.field.PatrolService}
 * (whether a patrol is a member's own, for reports made on patrol; coverage per grid, for
 * evaluation).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Field work")
package org.wangge.field;
