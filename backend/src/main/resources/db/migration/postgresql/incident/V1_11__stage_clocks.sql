-- Stage clocks (issue 5): the current stage of an open case (ACCEPT, HANDLE, VERIFY), its yellow
-- and red points on the working calendar, and how far it has been urged (0 none, 1 yellow, 2 red).
-- Cases from before this migration (and imported history) have no clock.
ALTER TABLE incident ADD COLUMN stage varchar(10);
ALTER TABLE incident ADD COLUMN stage_warning_at timestamptz;
ALTER TABLE incident ADD COLUMN stage_due_at timestamptz;
ALTER TABLE incident ADD COLUMN urge_level integer NOT NULL DEFAULT 0;
CREATE INDEX incident_stage_warning_ix ON incident (stage_warning_at);
CREATE INDEX incident_stage_due_ix ON incident (stage_due_at);
CREATE INDEX incident_event_id_ix ON incident_event (id, incident_id);
