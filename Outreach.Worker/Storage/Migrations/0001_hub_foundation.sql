-- The hub's own schema: staff accounts, the schedule-slot ledger and the run log every job writes.
CREATE SCHEMA IF NOT EXISTS outreach;

CREATE TABLE outreach.staff (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        text        NOT NULL,
    display_name    text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
    password_hash   text        NOT NULL,
    email           text        NULL,
    failed_logins   integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz NULL,
    disabled        boolean     NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL,
    last_login_at   timestamptz NULL
);
CREATE UNIQUE INDEX staff_username_key ON outreach.staff (lower(username));

-- One row per (schedule, fire slot): a double fire or a second scheduler node finds the row and enqueues nothing.
CREATE TABLE outreach.schedule_slots (
    schedule        text        NOT NULL,
    slot            timestamptz NOT NULL,
    job             text        NOT NULL,
    hangfire_job_id text        NULL,
    fired_by        text        NOT NULL,
    enqueued_at     timestamptz NOT NULL,
    PRIMARY KEY (schedule, slot)
);

-- What each run of a job read, did and how long it took; the staff pages show it.
CREATE TABLE outreach.job_runs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job             text        NOT NULL,
    scope           text        NOT NULL,
    hangfire_job_id text        NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NULL,
    status          text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'refused')),
    counts          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    progress        integer     NULL,
    message         text        NULL
);
CREATE INDEX job_runs_job_scope_started ON outreach.job_runs (job, scope, started_at DESC);
CREATE INDEX job_runs_status ON outreach.job_runs (status) WHERE status IN ('running', 'failed', 'refused');
