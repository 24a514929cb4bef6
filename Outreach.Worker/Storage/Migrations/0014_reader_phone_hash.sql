-- The service desk finds a reader by the phone a caller gives: by a keyed hash of the number's normal form (the same key as
-- the ID-number hash, under a label of its own), never by comparing the number itself. phone_hash_key is the recorded key
-- (outreach.hash_keys) the hash was made with, as id_hash_key is for the ID number: while a key is rotated the desk searches
-- under both, and the phone-hashes job rewrites the hashes of any other key from the number on record.
ALTER TABLE outreach.readers
    ADD COLUMN phone_hash     bytea    NULL,
    ADD COLUMN phone_hash_key smallint NULL,
    -- An erased phone leaves no hash behind.
    ADD CONSTRAINT readers_phone_hash_needs_phone CHECK (phone IS NOT NULL OR phone_hash IS NULL);

-- Not unique: a household may give one number for several residents.
CREATE INDEX readers_phone_hash ON outreach.readers (phone_hash) WHERE phone_hash IS NOT NULL;
