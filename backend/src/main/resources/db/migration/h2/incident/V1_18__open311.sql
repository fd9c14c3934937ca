-- Open311 GeoReport v2 (issue 8): which Open311 client filed a report (NULL for every other
-- report), so that a client sees only its own requests, and the media URL it sent.
ALTER TABLE incident ADD COLUMN open311_client VARCHAR(64);
ALTER TABLE incident ADD COLUMN media_url VARCHAR(1000);
CREATE INDEX incident_open311_client_ix ON incident (open311_client, reported_at);
