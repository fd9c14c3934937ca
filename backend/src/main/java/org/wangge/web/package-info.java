/**
 * HTTP plumbing shared by every feature: RFC 9457 problem details for bad input (naming the field),
 * for a database that is away ({@code 503} with {@code Retry-After}) and for anything unexpected
 * (no stack traces). Holds no feature logic.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Web support",
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.wangge.web;
