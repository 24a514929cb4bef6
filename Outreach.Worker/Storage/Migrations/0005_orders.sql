-- Book orders: readers' requests, pushed to the bookstore branch and tracked until the reader has the book.
-- Personal data stays in outreach.readers; an order keeps the card number the bookstore needs and ids.

CREATE SEQUENCE outreach.book_order_serial START 1;

CREATE TABLE outreach.book_orders (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- BO-<year>-<serial>: the bookstore's Idempotency-Key, so a retried push can never make a second order.
    order_ref          text          NOT NULL UNIQUE,
    reader_id          bigint        NOT NULL REFERENCES outreach.readers (id),
    card_id            bigint        NOT NULL REFERENCES outreach.cards (id),
    card_number        text          NOT NULL,
    -- The reader's community when the request came in (the staff filters and figures use it).
    community          text          NOT NULL,
    isbn13             text          NOT NULL CHECK (isbn13 ~ '^97[89][0-9]{10}$'),
    title              text          NOT NULL,
    quantity           integer       NOT NULL CHECK (quantity > 0),
    unit_price         numeric(10,2) NOT NULL CHECK (unit_price > 0),
    budget_code        text          NOT NULL,
    -- The library-time month whose budget and reader limit the order counts against (its first day).
    budget_month       date          NOT NULL,
    deliver_kind       text          NOT NULL CHECK (deliver_kind IN ('library_desk', 'community_room')),
    deliver_community  text          NULL,
    source             text          NOT NULL CHECK (source IN ('api', 'staff', 'csv')),
    -- The partner system, staff member or imported file the request came from.
    source_name        text          NOT NULL,
    -- The partner's own id of the request: a partner that sends the same request twice gets the first answer.
    external_ref       text          NULL,
    status             text          NOT NULL CHECK (status IN ('held', 'pending', 'failed', 'declined', 'rejected', 'accepted',
                                                            'sourcing', 'backordered', 'shipped', 'ready_for_pickup', 'delivered', 'cancelled')),
    -- Why the order is held (a title already held or on order), rejected, declined, failed or cancelled.
    status_reason      text          NULL,
    bookstore_order_id text          NULL,
    push_attempts      integer       NOT NULL DEFAULT 0,
    last_push_error    text          NULL,
    last_push_at       timestamptz   NULL,
    created_at         timestamptz   NOT NULL,
    -- The last time the order's status moved (intake, push, a change, staff): the stuck list reads it.
    status_changed_at  timestamptz   NOT NULL,
    CONSTRAINT book_orders_community_room CHECK (deliver_kind = 'library_desk' OR deliver_community IS NOT NULL)
);
CREATE UNIQUE INDEX book_orders_external_ref ON outreach.book_orders (source_name, external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX book_orders_pending ON outreach.book_orders (id) WHERE status = 'pending';
CREATE INDEX book_orders_status_changed ON outreach.book_orders (status, status_changed_at);
CREATE INDEX book_orders_isbn ON outreach.book_orders (isbn13);
CREATE INDEX book_orders_reader_month ON outreach.book_orders (reader_id, budget_month);
CREATE INDEX book_orders_budget_month ON outreach.book_orders (budget_code, budget_month);
CREATE INDEX book_orders_community ON outreach.book_orders (community, created_at DESC);
CREATE INDEX book_orders_card ON outreach.book_orders (card_number);

-- Everything that happened to an order, in order: intake, staff decisions, pushes, every bookstore change
-- (also those that did not move the order, e.g. a change that went backwards).
CREATE TABLE outreach.book_order_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint      NOT NULL REFERENCES outreach.book_orders (id),
    at          timestamptz NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('received', 'held', 'released', 'declined', 'pushed', 'push_failed', 'rejected',
                                                     'failed', 'push_again', 'change', 'change_kept')),
    from_status text        NULL,
    to_status   text        NULL,
    seq         bigint      NULL,
    actor       text        NULL,
    note        text        NULL
);
CREATE INDEX book_order_events_order ON outreach.book_order_events (order_id, id);

-- The ledger of the bookstore's changes: one row per seq, whichever way it came (feed or webhook) and first.
-- A seq seen again finds its row here and is not applied twice.
CREATE TABLE outreach.bookstore_changes (
    seq                bigint      PRIMARY KEY,
    order_ref          text        NOT NULL,
    bookstore_order_id text        NULL,
    status             text        NOT NULL,
    at                 timestamptz NOT NULL,
    note               text        NULL,
    via                text        NOT NULL CHECK (via IN ('feed', 'webhook')),
    received_at        timestamptz NOT NULL,
    outcome            text        NULL
);

-- Where the fulfilment poll goes on from: the last seq of the feed it applied (stored with the changes).
CREATE TABLE outreach.bookstore_feed (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    last_seq   bigint      NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Reader notices, one per (order, kind) ever: written with the status change, sent by the notice job.
CREATE TABLE outreach.book_order_notices (
    order_id    bigint      NOT NULL REFERENCES outreach.book_orders (id),
    kind        text        NOT NULL CHECK (kind IN ('ready_for_pickup', 'cancelled', 'rejected')),
    created_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    last_error  text        NULL,
    last_try_at timestamptz NULL,
    sent_at     timestamptz NULL,
    -- Set when the notice will never go out (no e-mail address, address refused): staff see why.
    given_up_at timestamptz NULL,
    PRIMARY KEY (order_id, kind)
);
CREATE INDEX book_order_notices_due ON outreach.book_order_notices (created_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
