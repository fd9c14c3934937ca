/**
 * What the command map reads besides the features' own endpoints: the live feed of case changes
 * ({@code GET /api/live}, server-sent events filtered to the caller's jurisdiction, resumable with
 * {@code Last-Event-ID}). Map layers and vector tiles come with the command-map issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Command map")
package org.wangge.map;
