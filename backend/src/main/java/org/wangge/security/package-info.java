/**
 * Who may see and do what: users and their roles, each bound to an area (their jurisdiction is
 * that area's subtree) or a department; form login for pages, HTTP Basic and personal API tokens
 * for clients; lock-out after repeated failures; the rate limit on public intake and citizens'
 * receipts; personal data encrypted at rest; security headers; and the append-only audit trail of
 * every change and every unmasked read. Public face: {@link org.wangge.security.CurrentUser},
 * {@link org.wangge.security.Jurisdiction}, {@link org.wangge.security.AuditLog}, {@link
 * org.wangge.security.UserAccounts}, {@link org.wangge.security.UserDirectory} (who holds a role
 * where, for notifications), {@link org.wangge.security.ReceiptTokens}, {@link
 * org.wangge.security.ExternalImageSources} (what the CSP lets pages load images from).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security and audit")
package org.wangge.security;
