-- Issue 15 (phone): what a photo says about itself, queued (offline) items, the citizen's rating.
-- A photo's capture time and position (from the file's EXIF, else from the phone's photoFacts), where
-- each came from, and the checks against faked handling photos (TAKEN_BEFORE_DISPATCH,
-- FAR_FROM_CASE, comma-separated) with the distance from the case in metres.
ALTER TABLE incident_photo ADD COLUMN taken_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident_photo ADD COLUMN taken_at_source VARCHAR(10);
ALTER TABLE incident_photo ADD COLUMN taken_lon DOUBLE PRECISION;
ALTER TABLE incident_photo ADD COLUMN taken_lat DOUBLE PRECISION;
ALTER TABLE incident_photo ADD COLUMN position_source VARCHAR(10);
ALTER TABLE incident_photo ADD COLUMN distance_metres DOUBLE PRECISION;
ALTER TABLE incident_photo ADD COLUMN flags VARCHAR(100);
CREATE INDEX incident_photo_event_ix ON incident_photo (event_id);

-- A timeline entry made offline: when the user made it (observed_at), and whether it arrived more
-- than wangge.field.late-after after that (late).
ALTER TABLE incident_event ADD COLUMN observed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident_event ADD COLUMN late BOOLEAN DEFAULT FALSE NOT NULL;

-- The citizen's rating of a closed case, by the receipt (one per case: the key).
CREATE TABLE citizen_rating (
  incident_id  BIGINT PRIMARY KEY REFERENCES incident (id) ON DELETE CASCADE,
  satisfaction INTEGER NOT NULL,
  comment      VARCHAR(500),
  rated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT citizen_rating_satisfaction_ck CHECK (satisfaction BETWEEN 1 AND 5)
);
