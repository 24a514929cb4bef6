-- Residents' rights: erasure of a reader's personal fields (on request, or by the retention job once the card was
-- withdrawn long enough ago), leaving a pseudonymous row that keeps every past month's figures as they were; a receipt
-- per erasure; and the residents who asked to be erased, whose rows a roster then brings are not applied.
ALTER TABLE outreach.readers ADD COLUMN erased_at timestamptz NULL;

CREATE TABLE outreach.erasures (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- E-<year>-<serial>: what the resident is given.
    receipt         text        NOT NULL UNIQUE,
    reader_id       bigint      NOT NULL REFERENCES outreach.readers (id),
    reason          text        NOT NULL CHECK (reason IN ('request', 'retention')),
    requested_by    text        NOT NULL,
    erased_at       timestamptz NOT NULL,
    card_number     text        NULL,
    card_withdrawn_on date      NULL,
    -- The fields emptied and the records scrubbed, as codes.
    erased          text[]      NOT NULL
);
CREATE UNIQUE INDEX erasures_reader ON outreach.erasures (reader_id);
CREATE SEQUENCE outreach.erasure_serial START 1;

-- A resident who asked to be erased: the roster rows of their community under this resident id are quarantined, not
-- applied, until staff lift it (the resident joins the programme again).
CREATE TABLE outreach.erasure_suppressions (
    community   text        NOT NULL,
    resident_id text        NOT NULL,
    receipt     text        NOT NULL,
    since       timestamptz NOT NULL,
    PRIMARY KEY (community, resident_id)
);

-- Retention finds readers whose card was withdrawn long ago without scanning every card.
CREATE INDEX cards_withdrawn_on ON outreach.cards (withdrawn_on) WHERE status = 'withdrawn';
