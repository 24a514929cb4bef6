-- Event digests: the programme's events, one digest per community and ISO week, the delivery ledger that makes
-- each reader's copy go out exactly once, readers' mail preferences (unsubscribe, kinds of event) and bounces.

CREATE TABLE outreach.events (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 'staff' (the editor), 'api' (the JSON API) or 'feed:<name>' (an iCalendar feed).
    source           text        NOT NULL,
    -- For feed events: UID plus the occurrence's start, so each expanded occurrence is one row.
    external_id      text        NULL,
    kind             text        NOT NULL,
    title            text        NOT NULL,
    summary          text        NOT NULL DEFAULT '',
    venue            text        NOT NULL DEFAULT '',
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    -- Empty: every community.
    communities      text[]      NOT NULL DEFAULT '{}',
    capacity         integer     NULL,
    registration_url text        NULL,
    cancelled        boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT events_time_order CHECK (ends_at >= starts_at)
);
CREATE UNIQUE INDEX events_source_external ON outreach.events (source, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX events_starts_at ON outreach.events (starts_at) WHERE NOT cancelled;

-- One digest per community and ISO week; its events are frozen when it is first prepared, so every reader of it
-- gets the same content and a rerun sends what the first run would have sent.
CREATE TABLE outreach.digests (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community     text        NOT NULL,
    iso_week      text        NOT NULL,
    window_start  timestamptz NOT NULL,
    window_end    timestamptz NOT NULL,
    subject       text        NOT NULL,
    events        jsonb       NOT NULL,
    event_count   integer     NOT NULL,
    created_at    timestamptz NOT NULL,
    last_run_id   bigint      NULL,
    last_run_at   timestamptz NULL,
    CONSTRAINT digests_community_week UNIQUE (community, iso_week)
);

-- The delivery ledger: one row per (digest, reader). 'sending' is claimed in its own statement before the SMTP
-- transaction and 'sent' is written right after the server accepted; a row still 'sending' after its run ended
-- was caught by a crash in between and is shown to staff, never resent on its own.
CREATE TABLE outreach.digest_deliveries (
    digest_id    bigint      NOT NULL REFERENCES outreach.digests (id),
    reader_id    bigint      NOT NULL REFERENCES outreach.readers (id),
    status       text        NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    skip_reason  text        NULL,
    address      text        NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    claimed_at   timestamptz NULL,
    claimed_by   text        NULL,
    sent_at      timestamptz NULL,
    smtp_reply   text        NULL,
    bounced_at   timestamptz NULL,
    bounce_kind  text        NULL CHECK (bounce_kind IN ('hard', 'soft')),
    PRIMARY KEY (digest_id, reader_id)
)
-- Each row changes twice while its copy goes out (pending, sending, sent). No index names the changing columns and half of
-- each page is left free, so those are HOT updates that touch no index: the claims walk the primary key in reader order.
WITH (fillfactor = 50);

-- What a reader chose through the links in the digest: unsubscribed, or only some kinds of event.
CREATE TABLE outreach.mail_preferences (
    reader_id       bigint      PRIMARY KEY REFERENCES outreach.readers (id),
    unsubscribed_at timestamptz NULL,
    -- NULL: every kind.
    kinds           text[]      NULL,
    updated_at      timestamptz NOT NULL
);

-- Delivery status notifications read from the bounce mailbox, one row per report and recipient.
CREATE TABLE outreach.mail_bounces (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_key   text        NOT NULL,
    digest_id    bigint      NULL,
    reader_id    bigint      NULL,
    address      text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('hard', 'soft')),
    status_code  text        NULL,
    diagnostic   text        NULL,
    received_at  timestamptz NOT NULL,
    CONSTRAINT mail_bounces_report UNIQUE (report_key, address)
);
CREATE INDEX mail_bounces_address ON outreach.mail_bounces (address);

-- Addresses the hub no longer mails (a hard bounce, or repeated soft ones). Keyed by the address, so a reader
-- whose roster row brings a new address is mailed again.
CREATE TABLE outreach.mail_suppressions (
    address        text        PRIMARY KEY,
    reason         text        NOT NULL,
    suppressed_at  timestamptz NOT NULL
);
