-- The stage times are empty when a case is reported: index only the cases that have them, so that
-- a new report does not touch these indexes (intake throughput, BENCHMARKS.md). A range condition
-- on a column implies it is not null, so the evaluation's queries still use them.
DROP INDEX incident_closed_ix;
DROP INDEX incident_accepted_ix;
DROP INDEX incident_followed_up_ix;
CREATE INDEX incident_closed_ix ON incident (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX incident_accepted_ix ON incident (accepted_at) WHERE accepted_at IS NOT NULL;
CREATE INDEX incident_followed_up_ix ON incident (followed_up_at) WHERE followed_up_at IS NOT NULL;
