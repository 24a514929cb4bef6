-- What the hub keeps for staff to read later is a code of the message catalog with its arguments (counts, codes, dates,
-- other messages; never personal data), rendered by the pages in the reader's language. The text columns keep the
-- English, for the logs and the operator CLI; rows written before the codes have only the text, and pages show it as it is.
ALTER TABLE outreach.job_runs ADD COLUMN message_code text NULL, ADD COLUMN message_args jsonb NULL;
ALTER TABLE outreach.book_orders ADD COLUMN status_reason_code text NULL, ADD COLUMN status_reason_args jsonb NULL;
-- Quarantine rows already carry their reason_code, which the pages translate; reason_text keeps the English.
