-- The deliveries log filtered by status (the dashboard's failed ones, GET /webhook-deliveries?status=)
-- reads a business's deliveries of one status newest first: one range of this index. Bulk recovery
-- reads the failed ones of a time window from it too, so the partial index it had is dropped.
CREATE INDEX deliveries_status ON deliveries(business_id, status, created_at, delivery_id);
DROP INDEX deliveries_failed;
