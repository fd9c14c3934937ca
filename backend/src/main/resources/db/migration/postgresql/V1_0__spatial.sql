-- PostGIS must be created by a superuser; the docker image and the test script do it beforehand,
-- in which case this is a no-op.
CREATE EXTENSION IF NOT EXISTS postgis;
