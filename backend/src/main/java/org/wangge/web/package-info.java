/**
 * HTTP plumbing shared by every feature: RFC 9457 problem details for bad input (naming the field),
 * for a database that is away ({@code 503} with {@code Retry-After}) and for anything unexpected
 * (no stack traces), also for what Tomcat refuses before Spring MVC and for the error page; the
 * rules every request is read by (strict JSON bodies in well-formed UTF-8, decimal-only numbers,
 * instants in the years 1–9999, paging within 2^31 rows; docs/bad-input.md). Holds no feature logic.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Web support",
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.wangge.web;
