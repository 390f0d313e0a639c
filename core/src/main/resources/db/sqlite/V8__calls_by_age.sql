-- Retention removes the oldest calls first, a small batch at a time: ordered by age, the calls
-- older than the window are a short range read instead of a scan of the whole table.
CREATE INDEX calls_created ON calls(created_at);
