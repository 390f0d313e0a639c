-- Post-call webhook options. A flow's extra request headers are secret material, kept like its
-- signing secret; its events (null: every event) and call filter (null: no condition) are JSON.
ALTER TABLE call_flows ADD COLUMN webhook_headers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE call_flows ADD COLUMN webhook_events TEXT;
ALTER TABLE call_flows ADD COLUMN webhook_filter TEXT;
-- A delivery keeps the headers it is sent with (as it keeps the secret); the id of the first
-- delivery of its call's event, which redeliveries send as webhook-id (null: its own id); and the
-- AI conditions a Wait-for-AI delivery must still meet when it fires (JSON, null: none).
ALTER TABLE deliveries ADD COLUMN headers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE deliveries ADD COLUMN message_id TEXT;
ALTER TABLE deliveries ADD COLUMN ai_filter TEXT;
-- Bulk recovery reads a business's failed deliveries in a time window; they are few beside the rest.
CREATE INDEX deliveries_failed ON deliveries(business_id, created_at, delivery_id) WHERE status = 'failed' AND test = 0;
