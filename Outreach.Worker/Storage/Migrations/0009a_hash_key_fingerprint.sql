-- Which keys made the registry's ID-number hashes, known by a fingerprint (an HMAC of a fixed label under the key; never
-- the key). The first sync records its key; a host configured with another key refuses to sync. While a key is rotated,
-- two keys are active: the previous one until no hash made by it remains (or an operator finishes the rotation), then it
-- is retired.
CREATE TABLE outreach.hash_keys (
    id               smallint    PRIMARY KEY,
    fingerprint      bytea       NOT NULL UNIQUE,
    recorded_at      timestamptz NOT NULL,
    retired_at       timestamptz NULL,
    -- While rotating away from this key: how many readers' hashes it still made, as the last sync counted them.
    hashes_remaining bigint      NULL,
    counted_at       timestamptz NULL
);

-- The key each reader's id_hash was made with (meaningless while id_hash is NULL). Hashes made before keys were recorded
-- belong to the first key recorded, which is id 1. A constant default: no rewrite of the table.
ALTER TABLE outreach.readers ADD COLUMN id_hash_key smallint NOT NULL DEFAULT 1;
