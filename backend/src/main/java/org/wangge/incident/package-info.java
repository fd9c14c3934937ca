/**
 * Incidents (事件, "cases" in the UI) and the two-level category tree that says who handles each
 * kind and how fast. An incident keeps the grid boundary version it was routed with. Public face:
 * {@link org.wangge.incident.IncidentService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents and categories")
package org.wangge.incident;
