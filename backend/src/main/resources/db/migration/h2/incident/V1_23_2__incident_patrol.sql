-- A report made during a patrol keeps the patrol it was made on (package field owns patrols).
ALTER TABLE incident ADD COLUMN patrol_id BIGINT;
