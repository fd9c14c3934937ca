-- Idempotency keys belong to their caller (issue 16, docs/idempotency.md): a key is unique per
-- scope ('user:<id>', 'open311:<client>' or 'anonymous'), remembers the fingerprint of the request
-- that used it and the case that request made or acted on (reports and case actions alike), and
-- expires (wangge.idempotency.key-ttl). The case id is set in the transaction that claims the key,
-- before it commits. Keys of the global table before this version are forgotten: their callers
-- are not known.
DROP TABLE idempotency_key;
CREATE TABLE idempotency_key (
  scope           varchar(100) NOT NULL,
  idempotency_key varchar(100) NOT NULL,
  request_hash    varchar(64) NOT NULL,
  incident_id     bigint REFERENCES incident (id) ON DELETE CASCADE,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_key_expires_ix ON idempotency_key (expires_at);
CREATE INDEX idempotency_key_incident_ix ON idempotency_key (incident_id);
