/**
 * The responsibility list (权责清单) as editable, versioned data: this package owns its writes and
 * its versions. Every change — one node added, edited or retired ({@code POST/PUT/DELETE
 * /api/responsibility-list/nodes}), or a whole list imported from xlsx or CSV ({@code POST
 * /api/responsibility-list/import}, with a dry run) — makes exactly one new row in
 * {@code responsibility_list_version} (who, when, a summary), inserts a new {@code category} row
 * for every changed node and sets {@code retired_in} on the row it replaces; rows are never
 * changed otherwise, so a case keeps the row it was filed under. Writers are serialised by the
 * version's primary key (a second writer of the same number fails and is answered {@code 409}, or
 * retried when it named no {@code expectedVersion}). Reads: the list in force or as of any version
 * ({@code GET /api/responsibility-list}), the history, and the xlsx/CSV export in the template of
 * {@code docs/responsibility-list.md}.
 *
 * <p>After each commit it publishes {@link org.wangge.responsibility.ResponsibilityListChanged};
 * every instance also polls the newest version number every few seconds and publishes the same
 * event when another instance changed the list. The incident package's {@code CategoryCatalogue}
 * (the rows in force that intake and routing read) reloads on it. Version 1 is the load ({@code
 * IncidentService.importCategories}). Departments are checked through {@link
 * org.wangge.team.TeamService}; every write is audited ({@code RESPONSIBILITY_LIST_CHANGED}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Responsibility list")
package org.wangge.responsibility;
