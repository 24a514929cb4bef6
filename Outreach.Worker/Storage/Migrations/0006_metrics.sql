-- Monthly service-effectiveness figures (docs/metrics.md) and the activity they are computed from: gate visits,
-- loans, e-resource sessions and event attendance, sent by the library's systems as JSON batches or CSV files.

-- The activity ledger: one row per record of a sending system, keyed by that system's own id, so a resent batch
-- or file finds its rows here and adds nothing. The community is the reader's when the activity happened (a reader
-- who moved later still counts for the community they lived in then). No foreign keys: this is the hot append path,
-- readers are never deleted, and the intake resolves every reader itself.
CREATE TABLE outreach.activities (
    -- Byte-wise collation: ids are compared for equality only, and the primary key is the intake's busiest index.
    source      text        COLLATE "C" NOT NULL,
    source_id   text        COLLATE "C" NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('visit', 'loan', 'eresource', 'attendance')),
    occurred_at timestamptz NOT NULL,
    reader_id   bigint      NOT NULL,
    community   text        NOT NULL,
    -- Attendance only, when the sender names the event (outreach.events.id).
    event_id    bigint      NULL,
    -- The intake run (outreach.job_runs) that accepted the record: where each figure's data came from.
    run_id      bigint      NOT NULL,
    PRIMARY KEY (source, source_id)
);
-- Rows arrive roughly in time order; a block-range index finds a month's rows for a few kilobytes per year.
CREATE INDEX activities_occurred_at ON outreach.activities USING brin (occurred_at);
-- The same reader at the same event counts once, whichever system or id reported it.
CREATE UNIQUE INDEX activities_attendance_once ON outreach.activities (event_id, reader_id) WHERE kind = 'attendance' AND event_id IS NOT NULL;

-- The ledger is append-only: a record, once counted, is not changed or removed by accident. A correction by hand
-- (SET LOCAL outreach.ledger_maintenance = 'on' in its transaction) must be followed by rebuilding the month's
-- running totals: run metrics --month yyyy-MM --rebuild.
CREATE FUNCTION outreach.activities_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('outreach.ledger_maintenance', true), '') <> 'on' THEN
        RAISE EXCEPTION 'outreach.activities is append-only: % refused', TG_OP
            USING HINT = 'For a correction by hand: SET LOCAL outreach.ledger_maintenance = ''on'', then run metrics --month yyyy-MM --rebuild.';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER activities_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON outreach.activities
    FOR EACH STATEMENT EXECUTE FUNCTION outreach.activities_append_only();

-- Running totals of the ledger per library-time month, community and reader, written by the intake in the same
-- transaction as the records they count. The monthly figures read these: a district's month is a million rows here
-- against ten million in the ledger. A month is rebuilt from the ledger on request (after a correction by hand, a
-- restore, a change of the library's time zone).
CREATE TABLE outreach.activity_months (
    month       date    NOT NULL,
    community   text    NOT NULL,
    reader_id   bigint  NOT NULL,
    visits      integer NOT NULL,
    loans       integer NOT NULL,
    sessions    integer NOT NULL,
    attendance  integer NOT NULL,
    last_run_id bigint  NOT NULL,
    PRIMARY KEY (month, community, reader_id)
);

-- Activity records refused by the intake (unknown card, bad time...), with their row in outreach.quarantine: a
-- resent record is not quarantined twice, and one accepted later (its card was issued meanwhile) resolves its row.
CREATE TABLE outreach.activity_rejects (
    source        text   COLLATE "C" NOT NULL,
    source_id     text   COLLATE "C" NOT NULL,
    quarantine_id bigint NOT NULL,
    PRIMARY KEY (source, source_id)
);

-- The community a reader belonged to at an instant: the one they left by their first move after it, else their
-- current one. Moves are recorded when the hub learns of them, so the answer for a past instant never changes.
CREATE FUNCTION outreach.reader_community_at(reader bigint, instant timestamptz) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(
        (SELECT m.from_community FROM outreach.reader_moves m
         WHERE m.reader_id = $1 AND m.moved_at > $2 ORDER BY m.moved_at, m.id LIMIT 1),
        (SELECT r.community FROM outreach.readers r WHERE r.id = $1))
$$;

-- One row per computed month (its first day): when, by which run, over which period and from which data.
CREATE TABLE outreach.metric_months (
    month        date        PRIMARY KEY CHECK (extract(day FROM month) = 1),
    time_zone    text        NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    computed_at  timestamptz NOT NULL,
    run_id       bigint      NOT NULL,
    computations integer     NOT NULL DEFAULT 1,
    -- Counts and high-water marks of every source read (activities, card events, orders, deliveries, runs...).
    sources      jsonb       NOT NULL,
    -- A digest of the figures: the report is mailed again only when they changed.
    fingerprint  text        NOT NULL
);

-- The figures: one value per month, community ('*' for all communities) and indicator. A recomputation replaces a
-- month's rows in one transaction, so readers see the old figures or the new ones, never a mix.
CREATE TABLE outreach.metric_values (
    month     date    NOT NULL REFERENCES outreach.metric_months (month) ON DELETE CASCADE,
    community text    NOT NULL,
    indicator text    NOT NULL,
    value     numeric NULL,
    PRIMARY KEY (month, community, indicator)
);

-- The monthly report sent to the configured recipients: once per recipient and version of the figures.
CREATE TABLE outreach.metric_report_mail (
    month       date        NOT NULL,
    fingerprint text        NOT NULL,
    recipient   text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('sent', 'uncertain', 'rejected')),
    reply       text        NULL,
    at          timestamptz NOT NULL,
    run_id      bigint      NOT NULL,
    PRIMARY KEY (month, fingerprint, recipient)
);
