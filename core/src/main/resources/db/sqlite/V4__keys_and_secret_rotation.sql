-- Keys and businesses: API keys get a name, the time of their last use (written in batches, not
-- per request), a mark for the bootstrap key that HOOKLINE_API_KEY sets, and a revocation time
-- (a revoked key stays, so a bootstrap key revoked through the API is not restored at start).
ALTER TABLE api_keys ADD COLUMN name TEXT;
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER;
ALTER TABLE api_keys ADD COLUMN bootstrap INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER;
-- Until now every key of the default business came from HOOKLINE_API_KEY or was generated at start.
UPDATE api_keys SET bootstrap = 1, name = 'bootstrap' WHERE business_id = (SELECT id FROM businesses ORDER BY created_at, id LIMIT 1);
UPDATE api_keys SET name = 'initial' WHERE name IS NULL;
CREATE INDEX api_keys_business ON api_keys(business_id, created_at);
-- Secret rotation: the secret a rotation replaced, still signing deliveries until it expires.
ALTER TABLE call_flows ADD COLUMN previous_secret TEXT;
ALTER TABLE call_flows ADD COLUMN previous_secret_expires_at INTEGER;
