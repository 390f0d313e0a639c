-- When a busy or throttled host frees a send slot, the worker claims that host's due deliveries
-- alone: ordered by host first, that is a short range read.
CREATE INDEX deliveries_host_due ON deliveries(host, next_attempt_at) WHERE status = 'pending' AND claimed_by IS NULL;
