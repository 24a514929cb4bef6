-- The readers a sync run wrote are found by their run: its card transitions, card issue, guard count and consent record
-- each asked for them by scanning the whole registry (a million rows for the hundred a nightly roster changes).
-- One run's readers share a value; B-tree deduplication keeps a first load's million equal entries small.
CREATE INDEX readers_last_run ON outreach.readers (last_run_id);
