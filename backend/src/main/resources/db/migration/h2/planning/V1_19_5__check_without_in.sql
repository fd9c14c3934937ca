-- H2 2.4.240 binds a CHECK constraint's IN list (and an OR chain of equalities, which H2 rewrites
-- as IN) to the session that created it: once the pool retires that connection (Hikari's
-- max-lifetime, 30 min), every insert or update checking the constraint fails with "The database has
-- been closed" until the database is reopened. REGEXP_LIKE keeps the same rule (NULL still passes,
-- as with IN) without the bound session. Never write CHECK (x IN (...)) in an H2 migration
-- (H2MigrationsTest refuses it).
ALTER TABLE plan DROP CONSTRAINT plan_status_ck;
ALTER TABLE plan ADD CONSTRAINT plan_status_ck CHECK (REGEXP_LIKE(status, '^(DRAFT|PUBLISHED|ABANDONED)$'));
