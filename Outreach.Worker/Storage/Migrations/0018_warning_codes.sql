-- A roster row's contact warning is kept as a code of the message catalog (RowWarnings), rendered by the sync page in the
-- reader's language. Rows written before the codes keep their English text in warning and have no code.
ALTER TABLE outreach.sync_warnings
    ADD COLUMN warning_code text NULL,
    ALTER COLUMN warning DROP NOT NULL,
    ADD CONSTRAINT sync_warnings_text_or_code CHECK (warning IS NOT NULL OR warning_code IS NOT NULL);
-- A line of an order's history the hub wrote in its own words (why a bookstore change was kept, why a request was held, the
-- bookstore's refusal) keeps the code beside the English note; notes from the bookstore or staff have none and read as written.
ALTER TABLE outreach.book_order_events ADD COLUMN note_code text NULL, ADD COLUMN note_args jsonb NULL;
-- Why a reader's notice was not sent: a code with the mail server's reply as its argument (cleared with the text on erasure).
ALTER TABLE outreach.book_order_notices ADD COLUMN last_error_code text NULL, ADD COLUMN last_error_args jsonb NULL;
