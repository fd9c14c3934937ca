-- The caller's earlier cases at the intake desk (受理台): an exact-match keyed hash (HMAC-SHA256,
-- hex) of the reporter's phone beside the encrypted phone, which cannot be searched (a fresh IV
-- per value). Existing rows are filled by the Java migration 1.27.1 (org.wangge.security.
-- V1_27_1__HashReporterPhones), which holds the key; new cases get it at intake.
ALTER TABLE incident ADD COLUMN reporter_phone_hash VARCHAR(64);
CREATE INDEX incident_reporter_phone_hash ON incident (reporter_phone_hash);
