-- The worker looks for due deliveries while leaving out hosts that have no free send slot; with
-- the host in the due index those rows are skipped from the index alone.
CREATE INDEX deliveries_due_host ON deliveries(next_attempt_at, host) WHERE status = 'pending' AND claimed_by IS NULL;
DROP INDEX deliveries_due;
