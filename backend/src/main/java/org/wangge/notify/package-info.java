/**
 * Notifications out: an HTTP webhook for SMS or messaging gateways. A change to a case ({@link
 * org.wangge.incident.IncidentChanged}: assigned, overdue, escalated, alarm) writes rows to the
 * outbox table inside the transaction that made it, one per configured webhook ({@code
 * wangge.notify.webhooks[n]}) and role it takes, naming the case and that role's recipients for it;
 * every instance's delivery worker claims due rows ({@code FOR UPDATE SKIP LOCKED} with a lease),
 * POSTs them signed with HMAC-SHA256 and retries with exponential backoff and jitter: at least once,
 * with a delivery id the receiver de-duplicates on. Serves {@code GET /api/notifications/outbox}
 * (ADMIN). No public face: nothing calls into it; docs/notifications.md describes the wire format.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications out")
package org.wangge.notify;
