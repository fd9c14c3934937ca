-- The key list (重点清单): an unresolved high-risk case stays on its centre's key list until it
-- closes or an operator of a centre covering it marks it controlled (已管控), with a note.
CREATE TABLE key_case_control (
  incident_id   bigint PRIMARY KEY REFERENCES incident (id),
  controlled_at timestamptz NOT NULL,
  controlled_by varchar(50) NOT NULL,
  note          varchar(1000) NOT NULL
);
