-- Staff pages at district scale (1,000,000 readers, 10,000,000 activity records, 1,000,000 digest deliveries, 100,000
-- orders, a year of runs): every list reads an index in its own order and stops at its page, and every counter reads a
-- few rows.

-- Runs, newest first: all of them, one job's, or one status's (the page's filters), and the sync page's.
CREATE INDEX job_runs_started ON outreach.job_runs (started_at DESC, id DESC);
CREATE INDEX job_runs_job_started ON outreach.job_runs (job, started_at DESC, id DESC);
CREATE INDEX job_runs_status_started ON outreach.job_runs (status, started_at DESC, id DESC);

-- Orders, newest first, of any status or of one.
CREATE INDEX book_orders_created ON outreach.book_orders (created_at DESC, id DESC);
CREATE INDEX book_orders_status_created ON outreach.book_orders (status, created_at DESC, id DESC);

-- Quarantined rows, newest first, resolved ones included.
CREATE INDEX quarantine_created ON outreach.quarantine (created_at DESC, row_number);

-- Card statuses owed: the sync page lists the ones failing most first; the home page counts the failing ones.
CREATE INDEX card_status_outbox_pending_attempts ON outreach.card_status_outbox (attempts DESC, created_at) WHERE sent_at IS NULL;

-- Reader search by name (as staff see it, masked): the first hundred in the page's order, read off the index, whatever the
-- number of readers sharing a surname and a last character.
DROP INDEX outreach.readers_name_masked;
CREATE INDEX readers_name_masked ON outreach.readers (name_masked, community, resident_id);

-- Unsubscribes since an instant (the digests page counts those since each digest was made).
CREATE INDEX mail_preferences_unsubscribed ON outreach.mail_preferences (unsubscribed_at) WHERE unsubscribed_at IS NOT NULL;

-- The delivery ledger's copies per digest and status ('bounced' for copies with a bounce), kept by the ledger's own writes
-- in the same transactions: the digests page and the home page's stuck copies read these few rows instead of counting a
-- million. No index on the ledger's status (its updates stay HOT). Statement-level, from the statement's changed rows;
-- the counters are written in key order so that two lanes never wait on each other in a circle.
CREATE TABLE outreach.digest_delivery_counts (
    digest_id bigint NOT NULL,
    status    text   NOT NULL,
    copies    bigint NOT NULL,
    PRIMARY KEY (digest_id, status)
);

CREATE FUNCTION outreach.count_digest_deliveries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO outreach.digest_delivery_counts AS c (digest_id, status, copies)
        SELECT digest_id, s, count(*) FROM new_rows,
            LATERAL (VALUES (status), (CASE WHEN bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
        WHERE s IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (digest_id, status) DO UPDATE SET copies = c.copies + EXCLUDED.copies;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO outreach.digest_delivery_counts AS c (digest_id, status, copies)
        SELECT digest_id, s, sum(delta) FROM (
            SELECT digest_id, status, bounced_at, -1 AS delta FROM old_rows
            UNION ALL
            SELECT digest_id, status, bounced_at, 1 FROM new_rows) AS changed,
            LATERAL (VALUES (status), (CASE WHEN bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
        WHERE s IS NOT NULL GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2
        ON CONFLICT (digest_id, status) DO UPDATE SET copies = c.copies + EXCLUDED.copies;
    ELSE
        INSERT INTO outreach.digest_delivery_counts AS c (digest_id, status, copies)
        SELECT digest_id, s, -count(*) FROM old_rows,
            LATERAL (VALUES (status), (CASE WHEN bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
        WHERE s IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (digest_id, status) DO UPDATE SET copies = c.copies + EXCLUDED.copies;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER digest_deliveries_counted_insert AFTER INSERT ON outreach.digest_deliveries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION outreach.count_digest_deliveries();
CREATE TRIGGER digest_deliveries_counted_update AFTER UPDATE ON outreach.digest_deliveries
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION outreach.count_digest_deliveries();
CREATE TRIGGER digest_deliveries_counted_delete AFTER DELETE ON outreach.digest_deliveries
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION outreach.count_digest_deliveries();

INSERT INTO outreach.digest_delivery_counts (digest_id, status, copies)
SELECT digest_id, s, count(*) FROM outreach.digest_deliveries,
    LATERAL (VALUES (status), (CASE WHEN bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
WHERE s IS NOT NULL GROUP BY 1, 2;
