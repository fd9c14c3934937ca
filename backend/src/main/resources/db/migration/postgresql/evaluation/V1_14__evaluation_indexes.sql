-- Evaluation (考核): a case counts in a period by any of five dates (reported, due, closed, accepted,
-- followed up); with each indexed (reported_at already is), the query reads only the cases that
-- touch the period (PostgreSQL combines the five index ranges in one bitmap scan).
CREATE INDEX incident_due_ix ON incident (due_at);
CREATE INDEX incident_closed_ix ON incident (closed_at);
CREATE INDEX incident_accepted_ix ON incident (accepted_at);
CREATE INDEX incident_followed_up_ix ON incident (followed_up_at);
