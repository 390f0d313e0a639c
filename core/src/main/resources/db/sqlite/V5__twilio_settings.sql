-- The Twilio front door: each business's Twilio auth token, the key of the X-Twilio-Signature
-- HMAC on requests to /twilio/*. Kept as given (the HMAC needs it); never shown by the API.
CREATE TABLE twilio_settings (
    business_id  TEXT PRIMARY KEY REFERENCES businesses(id) ON DELETE CASCADE,
    auth_token   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL
);
-- A Twilio request names only the number called (To): its businesses are found by number alone,
-- which the (business_id, number) key cannot serve.
CREATE INDEX tracking_numbers_number ON tracking_numbers(number);
