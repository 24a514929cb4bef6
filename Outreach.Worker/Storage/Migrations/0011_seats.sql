-- Seats at events with a capacity: one registration per reader and event (guests beside them), the waitlist, offers
-- of a freed seat with a deadline, and the notices each change owes the reader, written in the same transaction.

-- What residents were told about an event: a change of any of these owes everyone with a place a notice.
CREATE FUNCTION outreach.seat_event_version(title text, venue text, starts_at timestamptz, ends_at timestamptz, cancelled boolean)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT md5(concat_ws('|', title, venue, extract(epoch FROM starts_at)::text, extract(epoch FROM ends_at)::text, cancelled::text))
$$;

-- One row per event that has taken a registration: the seats held now (registered and offered, guests included) and
-- whether registration is open. Every change of an event's seats locks this row first (FOR UPDATE), so however many
-- register at once, each sees the count the one before it left: seats never exceed the capacity.
CREATE TABLE outreach.event_seats (
    event_id      bigint      PRIMARY KEY REFERENCES outreach.events (id),
    held          integer     NOT NULL DEFAULT 0 CHECK (held >= 0),
    open          boolean     NOT NULL DEFAULT true,
    -- The event's title, time and venue as residents were last told (a change writes a 'changed' notice to everyone).
    told          text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- A reader's place at an event. 'registered' and 'offered' hold seats (1 + guests); 'waiting' is the list, in
-- (queued_at, id) order; 'cancelled' and 'expired' (an offer not taken in time) hold nothing. A reader who comes back
-- reuses the row with the next round, so each round's notices are owed once.
CREATE TABLE outreach.seat_registrations (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         bigint      NOT NULL REFERENCES outreach.events (id),
    reader_id        bigint      NOT NULL REFERENCES outreach.readers (id),
    guests           integer     NOT NULL DEFAULT 0 CHECK (guests >= 0),
    status           text        NOT NULL CHECK (status IN ('registered', 'waiting', 'offered', 'cancelled', 'expired')),
    -- How the reader came: the digest link, the public page, staff at the desk, or at the door without registering.
    channel          text        NOT NULL CHECK (channel IN ('digest', 'public', 'staff', 'walk_in')),
    round            integer     NOT NULL DEFAULT 1,
    queued_at        timestamptz NOT NULL,
    offer_expires_at timestamptz NULL,
    offers           integer     NOT NULL DEFAULT 0,
    checked_in_at    timestamptz NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT seat_registrations_once UNIQUE (event_id, reader_id)
);
CREATE INDEX seat_registrations_waiting ON outreach.seat_registrations (event_id, queued_at, id) WHERE status = 'waiting';
CREATE INDEX seat_registrations_offers_due ON outreach.seat_registrations (offer_expires_at) WHERE status = 'offered';
CREATE INDEX seat_registrations_reader ON outreach.seat_registrations (reader_id);

-- The mail each change owes a reader, written in the transaction of the change and keyed by what makes it one of a
-- kind (the round, the offer, the event's version), so a retried change or a second worker owes nothing twice. Sent
-- with the digest ledger's discipline: 'sending' is claimed in a statement of its own before the SMTP transaction and
-- 'sent' written right after the server accepted; a row left 'sending' by a crash is shown to staff, never resent.
CREATE TABLE outreach.seat_notices (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    registration_id bigint      NOT NULL REFERENCES outreach.seat_registrations (id),
    kind            text        NOT NULL CHECK (kind IN ('confirmed', 'waiting', 'offered', 'reminder', 'changed', 'cancelled')),
    dedupe          text        NOT NULL,
    created_at      timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped')),
    attempts        integer     NOT NULL DEFAULT 0,
    claimed_at      timestamptz NULL,
    claimed_by      text        NULL,
    sent_at         timestamptz NULL,
    reply           text        NULL,
    CONSTRAINT seat_notices_once UNIQUE (registration_id, kind, dedupe)
);
CREATE INDEX seat_notices_pending ON outreach.seat_notices (id) WHERE status = 'pending';
