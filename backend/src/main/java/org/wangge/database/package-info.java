/**
 * Bounds on the database connections, so that a database that is stopped, cut off or frozen makes
 * requests fail fast ({@code 503} with {@code Retry-After}, see {@code org.wangge.web}) instead of
 * hanging: a statement timeout and a socket (network) timeout on every pooled connection, and
 * {@link org.wangge.database.LongWork} for the few legitimate long jobs (imports, plan publishes,
 * the demo city load, migrations) that need a larger bound. Settings: {@code wangge.database.*}
 * (docs/operations-faults.md). Holds no feature logic.
 */
@org.springframework.modulith.ApplicationModule(
    displayName = "Database connection bounds",
    type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.wangge.database;
