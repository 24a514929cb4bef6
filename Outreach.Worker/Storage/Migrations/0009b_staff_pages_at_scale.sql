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

-- The delivery ledger's copies per digest and status ('bounced' for copies with a bounce, 'unsubscribed' for copies whose
-- reader unsubscribed since the digest was made), kept by the writes of the ledger and of the readers' preferences in the
-- same transactions: the digests page and the home page's stuck copies read these few rows instead of counting a million.
-- No index on the ledger's status (its updates stay HOT). Statement-level, from the statement's changed rows; the counters
-- are written in key order so that two lanes never wait on each other in a circle.
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
        SELECT digest_id, s, count(*) FROM (
            SELECT n.digest_id, v.s FROM new_rows n,
                LATERAL (VALUES (n.status), (CASE WHEN n.bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
            UNION ALL
            SELECT n.digest_id, 'unsubscribed' FROM new_rows n JOIN outreach.digests g ON g.id = n.digest_id
            JOIN outreach.mail_preferences p ON p.reader_id = n.reader_id AND p.unsubscribed_at >= g.created_at) AS counted(digest_id, s)
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
        SELECT digest_id, s, -count(*) FROM (
            SELECT o.digest_id, v.s FROM old_rows o,
                LATERAL (VALUES (o.status), (CASE WHEN o.bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
            UNION ALL
            SELECT o.digest_id, 'unsubscribed' FROM old_rows o JOIN outreach.digests g ON g.id = o.digest_id
            JOIN outreach.mail_preferences p ON p.reader_id = o.reader_id AND p.unsubscribed_at >= g.created_at) AS counted(digest_id, s)
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

-- A reader who unsubscribes (or changes when, or subscribes again) counts for each digest made before then that has their
-- copy: found through the digests (a few a week), by the ledger's key. Inserted or deleted preferences come as changed_rows,
-- counted with the sign the trigger passes; an update takes away what the old rows counted and adds what the new ones do.
CREATE FUNCTION outreach.count_digest_unsubscribes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outreach.digest_delivery_counts AS c (digest_id, status, copies)
    SELECT g.id, 'unsubscribed', count(*) * TG_ARGV[0]::int
    FROM changed_rows x JOIN outreach.digests g ON g.created_at <= x.unsubscribed_at
    JOIN outreach.digest_deliveries d ON d.digest_id = g.id AND d.reader_id = x.reader_id
    GROUP BY g.id ORDER BY g.id
    ON CONFLICT (digest_id, status) DO UPDATE SET copies = c.copies + EXCLUDED.copies;
    RETURN NULL;
END
$$;

CREATE FUNCTION outreach.count_digest_unsubscribes_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outreach.digest_delivery_counts AS c (digest_id, status, copies)
    SELECT g.id, 'unsubscribed', sum(x.delta)
    FROM (SELECT reader_id, unsubscribed_at, -1 AS delta FROM old_rows
          UNION ALL
          SELECT reader_id, unsubscribed_at, 1 FROM new_rows) AS x
    JOIN outreach.digests g ON g.created_at <= x.unsubscribed_at
    JOIN outreach.digest_deliveries d ON d.digest_id = g.id AND d.reader_id = x.reader_id
    GROUP BY g.id HAVING sum(x.delta) <> 0 ORDER BY g.id
    ON CONFLICT (digest_id, status) DO UPDATE SET copies = c.copies + EXCLUDED.copies;
    RETURN NULL;
END
$$;

CREATE TRIGGER mail_preferences_counted_insert AFTER INSERT ON outreach.mail_preferences
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION outreach.count_digest_unsubscribes('1');
CREATE TRIGGER mail_preferences_counted_delete AFTER DELETE ON outreach.mail_preferences
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION outreach.count_digest_unsubscribes('-1');
CREATE TRIGGER mail_preferences_counted_update AFTER UPDATE ON outreach.mail_preferences
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION outreach.count_digest_unsubscribes_updated();

INSERT INTO outreach.digest_delivery_counts (digest_id, status, copies)
SELECT digest_id, s, count(*) FROM (
    SELECT d.digest_id, v.s FROM outreach.digest_deliveries d,
        LATERAL (VALUES (d.status), (CASE WHEN d.bounced_at IS NOT NULL THEN 'bounced' END)) AS v(s)
    UNION ALL
    SELECT d.digest_id, 'unsubscribed' FROM outreach.digest_deliveries d JOIN outreach.digests g ON g.id = d.digest_id
    JOIN outreach.mail_preferences p ON p.reader_id = d.reader_id AND p.unsubscribed_at >= g.created_at) AS counted(digest_id, s)
WHERE s IS NOT NULL GROUP BY 1, 2;
