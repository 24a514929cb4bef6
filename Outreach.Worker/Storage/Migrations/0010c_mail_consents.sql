-- The consent record for the digest mail: every time a reader's consent changed, when, from where (the community's
-- roster and its sync run, the preferences page, the unsubscribe link or mail, an erasure) and what was chosen
-- (to receive the digest or not, and which kinds of event). Never updated or deleted: it is the proof of consent.
CREATE TABLE outreach.mail_consents (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reader_id   bigint      NOT NULL REFERENCES outreach.readers (id),
    at          timestamptz NOT NULL,
    source      text        NOT NULL CHECK (source IN ('roster', 'preferences_page', 'unsubscribe_link', 'unsubscribe_mail', 'erasure')),
    community   text        NULL,
    run_id      bigint      NULL,
    subscribed  boolean     NOT NULL,
    -- NULL: every kind of event.
    kinds       text[]      NULL
);
CREATE INDEX mail_consents_reader ON outreach.mail_consents (reader_id, id);

-- What the rosters said before this record existed: each reader's consent as the registry holds it now.
INSERT INTO outreach.mail_consents (reader_id, at, source, community, run_id, subscribed)
SELECT id, updated_at, 'roster', community, last_run_id, email_opt_in FROM outreach.readers WHERE email_opt_in;
INSERT INTO outreach.mail_consents (reader_id, at, source, subscribed, kinds)
SELECT reader_id, updated_at, CASE WHEN unsubscribed_at IS NULL THEN 'preferences_page' ELSE 'unsubscribe_link' END, unsubscribed_at IS NULL, kinds
FROM outreach.mail_preferences;
