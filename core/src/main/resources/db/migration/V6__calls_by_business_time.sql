-- The dashboard lists a business's calls newest first, a page at a time. Without this index
-- SQLite sorts every call of the business for each page (100,000 calls: a sort per view).
CREATE INDEX calls_business_created ON calls(business_id, created_at, call_id);
