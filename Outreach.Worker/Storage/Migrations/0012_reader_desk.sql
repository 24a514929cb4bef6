-- The reader desk reads one reader's whole history: each source is reached by the reader (or the resident) through an
-- index, so the page costs the same in a registry of any size.
CREATE INDEX card_events_card ON outreach.card_events (card_id, at);
CREATE INDEX quarantine_resident ON outreach.quarantine (community, resident_id, created_at) WHERE resident_id IS NOT NULL;
CREATE INDEX card_status_outbox_resident ON outreach.card_status_outbox (community, resident_id, created_at);
-- reader_id never changes, so the ledger's updates of status and claims stay HOT with this index too.
CREATE INDEX digest_deliveries_reader ON outreach.digest_deliveries (reader_id);
CREATE INDEX activity_months_reader ON outreach.activity_months (reader_id, month);
