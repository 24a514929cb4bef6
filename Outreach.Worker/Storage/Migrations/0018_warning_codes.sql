-- A roster row's contact warning is kept as a code of the message catalog (RowWarnings), rendered by the sync page in the
-- reader's language. Rows written before the codes keep their English text in warning and have no code.
ALTER TABLE outreach.sync_warnings
    ADD COLUMN warning_code text NULL,
    ALTER COLUMN warning DROP NOT NULL,
    ADD CONSTRAINT sync_warnings_text_or_code CHECK (warning IS NOT NULL OR warning_code IS NOT NULL);
