-- Hookline schema, version 1, PostgreSQL dialect. Times are epoch milliseconds (UTC); ids are UUID
-- strings; JSON columns are kept as text, as written (key order is part of what the API shows).

CREATE TABLE businesses (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    business_id  TEXT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    key_prefix   TEXT NOT NULL,          -- first characters, for log lines and look-up
    key_hash     TEXT NOT NULL UNIQUE,   -- SHA-256 of the whole key, hex
    created_at   BIGINT NOT NULL
);
CREATE INDEX api_keys_prefix ON api_keys(key_prefix);

CREATE TABLE call_flows (
    id                   TEXT PRIMARY KEY,
    business_id          TEXT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    name                 TEXT NOT NULL,
    webhook_enabled      BOOLEAN NOT NULL,
    webhook_url          TEXT,
    firing_mode          TEXT NOT NULL,
    connector            TEXT NOT NULL,
    connector_settings   TEXT NOT NULL DEFAULT '{}',
    signing_secret       TEXT NOT NULL,
    steps                TEXT NOT NULL,   -- JSON array, validated on save
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL
);
CREATE INDEX call_flows_business ON call_flows(business_id, created_at);

CREATE TABLE tracking_numbers (
    business_id   TEXT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    number        TEXT NOT NULL,
    call_flow_id  TEXT NOT NULL REFERENCES call_flows(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    PRIMARY KEY (business_id, number)
);
CREATE INDEX tracking_numbers_flow ON tracking_numbers(call_flow_id);

CREATE TABLE calls (
    call_id         TEXT NOT NULL,
    business_id     TEXT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    call_flow_id    TEXT,
    tracking_number TEXT NOT NULL,
    caller_number   TEXT NOT NULL,
    status          TEXT,            -- null while only the live (in-call) side has reported
    fields          TEXT NOT NULL,   -- JSON object: every other payload field of the call
    ai_processed    BOOLEAN NOT NULL DEFAULT FALSE,
    in_call_trace   TEXT,            -- JSON array, when voice/inbound ran for this call
    created_at      BIGINT NOT NULL,
    reported_at     BIGINT,          -- when POST /calls reported the ended call
    PRIMARY KEY (business_id, call_id)
);
CREATE INDEX calls_flow ON calls(call_flow_id, created_at);

CREATE TABLE deliveries (
    delivery_id      TEXT PRIMARY KEY,
    business_id      TEXT NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
    call_id          TEXT NOT NULL,
    call_flow_id     TEXT NOT NULL,
    call_flow_name   TEXT NOT NULL,
    event            TEXT NOT NULL,
    url              TEXT NOT NULL,
    host             TEXT NOT NULL,   -- endpoint host, for per-host fairness
    connector        TEXT NOT NULL,
    connector_settings TEXT NOT NULL DEFAULT '{}',
    signing_secret   TEXT NOT NULL,
    status           TEXT NOT NULL,   -- pending, succeeded, failed
    test             BOOLEAN NOT NULL DEFAULT FALSE,
    redelivery_of    TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,  -- attempts started
    max_attempts     INTEGER NOT NULL,
    wait_for_ai      BOOLEAN NOT NULL DEFAULT FALSE,
    claimed_by       TEXT,            -- run id of the hub sending it now
    lease_until      BIGINT,          -- the claim holds until then; past it another hub may take the delivery over
    version          INTEGER NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    next_attempt_at  BIGINT,
    completed_at     BIGINT,
    last_error       TEXT
);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE status = 'pending' AND claimed_by IS NULL;
-- claims by when their lease runs out: the periodic look for orphans reads only the expired ones
CREATE INDEX deliveries_claimed ON deliveries(lease_until) WHERE claimed_by IS NOT NULL;
CREATE INDEX deliveries_business ON deliveries(business_id, created_at, delivery_id);
CREATE INDEX deliveries_call ON deliveries(business_id, call_id);

CREATE TABLE delivery_attempts (
    delivery_id    TEXT NOT NULL REFERENCES deliveries(delivery_id) ON DELETE CASCADE,
    attempt        INTEGER NOT NULL,
    sent_at        BIGINT NOT NULL,
    status_code    INTEGER,
    duration_ms    BIGINT,
    error          TEXT,
    response_body  TEXT,
    PRIMARY KEY (delivery_id, attempt)
);
