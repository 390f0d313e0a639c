-- The dashboard lists a business's calls newest first, a page at a time. Without this index
-- SQLite sorts every call of the business for each page (100,000 calls: a sort per view).
CREATE INDEX calls_business_created ON calls(business_id, created_at, call_id);
-- The health view counts each flow's deliveries per hour and status. With the time last, each
-- count is one short range of this index; grouping the deliveries themselves sorted all of them
-- (100,000 in a week: over 100 ms per view). Test deliveries are never counted.
CREATE INDEX deliveries_flow_hours ON deliveries(business_id, call_flow_id, status, created_at) WHERE test = 0;
