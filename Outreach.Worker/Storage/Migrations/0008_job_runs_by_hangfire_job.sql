-- After every job the hub reads its run rows by Hangfire job id (run counts for the dashboard, abandoned-run
-- housekeeping): an index keeps that a lookup instead of a scan of 800 days of runs.
CREATE INDEX IF NOT EXISTS job_runs_hangfire_job ON outreach.job_runs (hangfire_job_id) WHERE hangfire_job_id IS NOT NULL;
