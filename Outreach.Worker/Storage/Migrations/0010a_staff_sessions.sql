-- Staff sessions: every signed-in session carries the account's session version, checked on each request. Logging
-- out, a new password, a new role or disabling the account moves it on, which ends every session of that account on
-- every dashboard instance at once.
ALTER TABLE outreach.staff ADD COLUMN session_version integer NOT NULL DEFAULT 1;
ALTER TABLE outreach.staff ADD COLUMN disabled_at timestamptz NULL;
ALTER TABLE outreach.staff ADD COLUMN password_changed_at timestamptz NULL;
