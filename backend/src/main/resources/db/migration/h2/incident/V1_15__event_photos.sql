-- Attachments of timeline entries: photos sent with an action (e.g. the handler's feedback).
ALTER TABLE incident_photo ADD COLUMN event_id bigint REFERENCES incident_event (id);
