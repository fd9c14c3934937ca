-- The responsibility list (权责清单): the category tree becomes three levels (CLASS 大类, SUBCLASS
-- 小类, ITEM 事项) of versioned rows. Each edit makes a new list version; a changed node gets a
-- new row (list_version = the version that introduced it) and its old row is retired (retired_in =
-- the version that replaced or removed it). Cases keep the row they were filed under; new cases
-- use the rows in force (retired_in IS NULL). Existing two-level trees become CLASS + ITEM.
CREATE TABLE responsibility_list_version (
  version    INTEGER PRIMARY KEY,
  changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
  changed_by VARCHAR(100) NOT NULL,
  summary    VARCHAR(4000) NOT NULL
);
INSERT INTO responsibility_list_version (version, changed_at, changed_by, summary)
VALUES (1, CURRENT_TIMESTAMP, 'system', 'The list as first loaded');

ALTER TABLE category ALTER COLUMN deadline_working_hours RENAME TO deadline_hours;
ALTER TABLE category ALTER COLUMN code SET DATA TYPE VARCHAR(12);
ALTER TABLE category ALTER COLUMN parent_code SET DATA TYPE VARCHAR(12);
ALTER TABLE category ALTER COLUMN name SET DATA TYPE VARCHAR(200);
ALTER TABLE category ADD COLUMN name_en VARCHAR(200);
ALTER TABLE category ADD COLUMN level VARCHAR(8) DEFAULT 'ITEM' NOT NULL;
UPDATE category SET level = 'CLASS' WHERE parent_code IS NULL;
ALTER TABLE category ADD COLUMN grid_admitted BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE category ADD COLUMN clock_type VARCHAR(16) DEFAULT 'WORKING_HOURS' NOT NULL;
ALTER TABLE category ADD COLUMN raises_alarm BOOLEAN DEFAULT FALSE NOT NULL;
-- The extra questions as a JSON array of {code, text, textEn, type, choices, required}.
ALTER TABLE category ADD COLUMN questions VARCHAR(8000) DEFAULT '[]' NOT NULL;
ALTER TABLE category ADD COLUMN list_version INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE category ADD COLUMN retired_in INTEGER;
ALTER TABLE category DROP CONSTRAINT category_code_uk;
ALTER TABLE category ADD CONSTRAINT category_code_version_uk UNIQUE (code, list_version);
ALTER TABLE category ADD CONSTRAINT category_list_version_fk FOREIGN KEY (list_version) REFERENCES responsibility_list_version (version);
ALTER TABLE category ADD CONSTRAINT category_retired_in_fk FOREIGN KEY (retired_in) REFERENCES responsibility_list_version (version);
ALTER TABLE category ADD CONSTRAINT category_level_ck CHECK (REGEXP_LIKE(level, '^(CLASS|SUBCLASS|ITEM)$'));
ALTER TABLE category ADD CONSTRAINT category_clock_type_ck CHECK (REGEXP_LIKE(clock_type, '^(WORKING_HOURS|CALENDAR_HOURS)$'));
CREATE INDEX category_in_force_ix ON category (retired_in, code);

-- Departments that work with the lead department on an item (协办).
CREATE TABLE category_co_department (
  category_id   BIGINT NOT NULL REFERENCES category (id),
  department_id BIGINT NOT NULL REFERENCES department (id),
  PRIMARY KEY (category_id, department_id)
);

-- The answers to the item's extra questions given with a report, a JSON object keyed by the
-- question's code; NULL when none were asked or given.
ALTER TABLE incident ADD COLUMN answers VARCHAR(4000);
