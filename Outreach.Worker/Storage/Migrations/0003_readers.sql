-- The reader registry: residents of the communities who hold (or held) a reading card, their cards, and what
-- each roster sync did. Personal data: the ID number only as a keyed hash and a masked form.

CREATE TABLE outreach.readers (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community         text        NOT NULL,
    resident_id       text        NOT NULL,
    id_hash           bytea       NULL,
    id_masked         text        NULL,
    name              text        NOT NULL,
    name_masked       text        NOT NULL,
    phone             text        NULL,
    email             text        NULL,
    address           text        NULL,
    birth_date        date        NULL,
    status            text        NOT NULL CHECK (status IN ('active', 'moved_out', 'withdrawn', 'deceased')),
    wants_card        boolean     NOT NULL,
    email_opt_in      boolean     NOT NULL,
    source_updated_at timestamptz NULL,
    row_hash          bytea       NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    last_run_id       bigint      NULL,
    CONSTRAINT readers_community_resident UNIQUE (community, resident_id)
);
CREATE UNIQUE INDEX readers_id_hash ON outreach.readers (id_hash) WHERE id_hash IS NOT NULL;
CREATE INDEX readers_name_masked ON outreach.readers (name_masked);

-- A resident who moved between communities keeps one reader record; each move is remembered.
CREATE TABLE outreach.reader_moves (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reader_id        bigint      NOT NULL REFERENCES outreach.readers (id),
    from_community   text        NOT NULL,
    from_resident_id text        NOT NULL,
    to_community     text        NOT NULL,
    to_resident_id   text        NOT NULL,
    run_id           bigint      NOT NULL,
    moved_at         timestamptz NOT NULL
);
CREATE INDEX reader_moves_reader ON outreach.reader_moves (reader_id);

CREATE SEQUENCE outreach.card_serial START 100001;

-- ISO 7064 MOD 11-2 check character over a string of digits (the same scheme as the resident ID number).
CREATE FUNCTION outreach.mod11_2_check(digits text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT substr('10X98765432', (sum(substr(digits, i, 1)::int * ((2 ^ (length(digits) - i + 1))::bigint % 11)) % 11)::int + 1, 1)
    FROM generate_series(1, length(digits)) AS i
$$;

-- Card numbers: "ZB" (the library), nine serial digits, one check character.
CREATE FUNCTION outreach.next_card_number() RETURNS text
LANGUAGE sql VOLATILE AS $$
    SELECT 'ZB' || s || outreach.mod11_2_check(s)
    FROM (SELECT lpad(nextval('outreach.card_serial')::text, 9, '0') AS s) AS serial
$$;

CREATE TABLE outreach.cards (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reader_id    bigint      NOT NULL REFERENCES outreach.readers (id),
    card_number  text        NOT NULL UNIQUE,
    status       text        NOT NULL CHECK (status IN ('active', 'suspended', 'withdrawn')),
    issued_on    date        NOT NULL,
    withdrawn_on date        NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT cards_one_per_reader UNIQUE (reader_id)
);

-- Card history (never deleted): the monthly figures count new and withdrawn cards per community from it.
CREATE TABLE outreach.card_events (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_id   bigint      NOT NULL REFERENCES outreach.cards (id),
    community text        NOT NULL,
    event     text        NOT NULL CHECK (event IN ('issued', 'withdrawn', 'reactivated')),
    at        timestamptz NOT NULL,
    run_id    bigint      NULL
);
CREATE INDEX card_events_community_at ON outreach.card_events (community, at);

-- Card status owed to the communities; one pending entry per resident, the newest status wins.
CREATE TABLE outreach.card_status_outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community   text        NOT NULL,
    resident_id text        NOT NULL,
    card_number text        NOT NULL,
    status      text        NOT NULL,
    issued_on   date        NOT NULL,
    created_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text        NULL,
    last_try_at timestamptz NULL,
    sent_at     timestamptz NULL
);
CREATE UNIQUE INDEX card_status_outbox_pending ON outreach.card_status_outbox (community, resident_id) WHERE sent_at IS NULL;

-- Roster rows refused with their reason; the raw row is kept masked. Staff resolve them after fixing the source.
CREATE TABLE outreach.quarantine (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint      NOT NULL,
    community   text        NOT NULL,
    source      text        NOT NULL,
    row_number  bigint      NOT NULL,
    resident_id text        NULL,
    reason_code text        NOT NULL,
    reason_text text        NOT NULL,
    raw_masked  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz NULL,
    resolved_by text        NULL
);
CREATE INDEX quarantine_open ON outreach.quarantine (community, created_at DESC) WHERE resolved_at IS NULL;

CREATE TABLE outreach.sync_warnings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id      bigint NOT NULL,
    community   text   NOT NULL,
    row_number  bigint NOT NULL,
    resident_id text   NOT NULL,
    warning     text   NOT NULL
);
CREATE INDEX sync_warnings_run ON outreach.sync_warnings (run_id);

-- Per community: the incremental cursor (stored in the same transaction as the run's changes).
CREATE TABLE outreach.sync_state (
    community        text PRIMARY KEY,
    cursor           text        NULL,
    last_run_id      bigint      NULL,
    last_success_at  timestamptz NULL
);

-- Staff approval of a refused snapshot: lets the next run of that community withdraw up to this many cards.
CREATE TABLE outreach.sync_approvals (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community           text        NOT NULL,
    refused_run_id      bigint      NOT NULL,
    withdrawals_allowed integer     NOT NULL,
    approved_by         text        NOT NULL,
    approved_at         timestamptz NOT NULL,
    used_by_run_id      bigint      NULL
);
CREATE UNIQUE INDEX sync_approvals_open ON outreach.sync_approvals (community) WHERE used_by_run_id IS NULL;
