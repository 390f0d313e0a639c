-- When a busy or throttled host frees a send slot, the worker looks for that host's due
-- deliveries alone. The due index is ordered by time, so finding one host's rows there means
-- stepping over every other host's; ordered by host first, it is a short range read.
CREATE INDEX deliveries_host_due ON deliveries(host, next_attempt_at) WHERE status = 'pending' AND claimed_by IS NULL;
