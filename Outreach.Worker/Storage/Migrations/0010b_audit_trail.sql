-- The audit trail of staff actions: append-only and tamper-evident. Each entry carries the hash of the one before and
-- its own hash over that and its fields, so an entry edited, removed or inserted in the database breaks the chain at
-- that place. Entries are numbered without gaps under the lock of the head row, which also records the newest entry
-- (removing the newest entries is seen there). Pruning removes the oldest entries and keeps a checkpoint: the last
-- removed entry's number and hash, from which the remaining chain still verifies.

CREATE TABLE outreach.audit_head (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    last_id    bigint      NOT NULL,
    last_hash  bytea       NOT NULL,
    updated_at timestamptz NOT NULL
);
INSERT INTO outreach.audit_head (last_id, last_hash, updated_at) VALUES (0, sha256(convert_to('outreach audit trail', 'UTF8')), now());

CREATE TABLE outreach.audit_log (
    id             bigint      PRIMARY KEY,
    at             timestamptz NOT NULL,
    -- The staff account (NULL for an unknown username or the hub itself) and the name it had then.
    actor_id       bigint      NULL,
    actor          text        NOT NULL,
    client_address text        NULL,
    -- A code (see Outreach.Worker.Audit.AuditActions) and what it acted on, e.g. reader:42, order:BO-2026-000123.
    action         text        NOT NULL,
    target         text        NULL,
    -- A JSON object of codes and ids, stored as the text that was hashed. Never personal data.
    details        text        NOT NULL,
    prev_hash      bytea       NOT NULL,
    hash           bytea       NOT NULL
);
CREATE INDEX audit_log_at ON outreach.audit_log (at);
CREATE INDEX audit_log_action_at ON outreach.audit_log (action, at);
CREATE INDEX audit_log_target ON outreach.audit_log (target) WHERE target IS NOT NULL;

CREATE TABLE outreach.audit_checkpoints (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    through_id       bigint      NOT NULL,
    through_hash     bytea       NOT NULL,
    entries_pruned   bigint      NOT NULL,
    pruned_before    timestamptz NOT NULL,
    created_at       timestamptz NOT NULL
);
-- The start of the chain: entry 1 links to this hash.
INSERT INTO outreach.audit_checkpoints (through_id, through_hash, entries_pruned, pruned_before, created_at)
SELECT last_id, last_hash, 0, '-infinity', now() FROM outreach.audit_head;

-- An entry's hash: SHA-256 over the hash before it and each field, length-prefixed so no two entries read alike.
CREATE FUNCTION outreach.audit_hash(prev bytea, id bigint, at timestamptz, actor_id bigint, actor text, client_address text, action text,
    target text, details text) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT sha256(prev || convert_to(string_agg(length(f)::text || ':' || f, '|' ORDER BY n), 'UTF8'))
    FROM unnest(ARRAY[
        id::text,
        to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        coalesce(actor_id::text, ''),
        actor,
        coalesce(client_address, ''),
        action,
        coalesce(target, ''),
        details]) WITH ORDINALITY AS u(f, n)
$$;

-- Entries are never changed; they are removed only by the audit job's pruning (SET LOCAL outreach.audit_prune = 'on').
CREATE FUNCTION outreach.audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('outreach.audit_prune', true), '') = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'outreach.audit_log is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON outreach.audit_log
    FOR EACH ROW EXECUTE FUNCTION outreach.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON outreach.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION outreach.audit_log_append_only();
