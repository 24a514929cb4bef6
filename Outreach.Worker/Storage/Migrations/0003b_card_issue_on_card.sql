-- A card records where it was issued; card_events then only keeps what happens to a card later (withdrawn,
-- reactivated). Issuing a whole community's cards no longer writes an event row per card.
ALTER TABLE outreach.cards ADD COLUMN issued_community text NULL;
UPDATE outreach.cards c SET issued_community = e.community
FROM outreach.card_events e WHERE e.card_id = c.id AND e.event = 'issued';
DELETE FROM outreach.card_events WHERE event = 'issued';
ALTER TABLE outreach.card_events DROP CONSTRAINT card_events_event_check;
ALTER TABLE outreach.card_events ADD CONSTRAINT card_events_event_check CHECK (event IN ('withdrawn', 'reactivated'));
CREATE INDEX cards_issued ON outreach.cards (issued_community, issued_on);
