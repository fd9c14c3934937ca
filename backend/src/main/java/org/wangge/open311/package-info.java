/**
 * Open311 GeoReport v2 at {@code /open311/v2}, so that existing citizen-reporting apps can send
 * reports to Wangge and follow them: services (the items of the responsibility list in force, grouped
 * by class; {@code metadata} when an item has extra questions), service definitions (the questions
 * as attributes; a request answers them as {@code attribute[code]=value}), requests (POST through the incident intake, as a citizen's
 * report; GET by id or by filters), and tokens. JSON and XML. Clients are configured with an API
 * key each ({@code wangge.open311.clients.<name>.api-key}); a client sees only the requests it
 * filed, a signed-in user the requests inside their jurisdiction. Errors come in Open311's shape
 * ({@code [{"code":400,"description":"lat: …"}]}) naming the field. No reporter data is ever shown.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Open311 GeoReport v2")
package org.wangge.open311;
