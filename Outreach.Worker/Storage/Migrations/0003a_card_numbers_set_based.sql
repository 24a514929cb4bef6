-- Card numbers are minted for whole rosters at once: the check character becomes a plain expression over the nine
-- serial digits (weights 2^k mod 11 from the right), which PostgreSQL inlines, instead of an aggregate per card.
CREATE OR REPLACE FUNCTION outreach.card_check_character(serial text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT substr('10X98765432', ((
          substr(serial, 1, 1)::int * 6 + substr(serial, 2, 1)::int * 3 + substr(serial, 3, 1)::int * 7
        + substr(serial, 4, 1)::int * 9 + substr(serial, 5, 1)::int * 10 + substr(serial, 6, 1)::int * 5
        + substr(serial, 7, 1)::int * 8 + substr(serial, 8, 1)::int * 4 + substr(serial, 9, 1)::int * 2) % 11) + 1, 1)
$$;

CREATE OR REPLACE FUNCTION outreach.next_card_number() RETURNS text
LANGUAGE sql VOLATILE AS $$
    SELECT 'ZB' || s || outreach.card_check_character(s)
    FROM (SELECT lpad(nextval('outreach.card_serial')::text, 9, '0') AS s) AS serial
$$;
