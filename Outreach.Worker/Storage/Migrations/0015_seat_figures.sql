-- Seat notices a crash left 'sending' are listed for staff on every seats page: found by their own small index rather
-- than by reading the whole ledger of notices.
CREATE INDEX seat_notices_sending ON outreach.seat_notices (id) WHERE status = 'sending';
