-- The worker looks for due deliveries while leaving out hosts that have no free send slot
-- (a hanging endpoint keeps its deliveries waiting). With the host in the due index, SQLite
-- skips those rows from the index alone instead of reading each one from the table.
CREATE INDEX deliveries_due_host ON deliveries(next_attempt_at, host) WHERE status = 'pending' AND claimed_by IS NULL;
DROP INDEX deliveries_due;
