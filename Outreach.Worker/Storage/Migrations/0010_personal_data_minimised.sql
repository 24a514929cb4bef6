-- Personal data the hub keeps no longer than it shows: birth dates are dropped (the hub never used them, and their
-- digits are exactly those an ID number's mask hides), and roster rows quarantined before their fields were masked
-- one by one lose their raw text (it kept names, addresses and birth dates in clear). The row number and the resident
-- id still find such a row at the community's source. Activity records keep theirs: it holds a card number and codes.
UPDATE outreach.readers SET birth_date = NULL WHERE birth_date IS NOT NULL;

UPDATE outreach.quarantine SET raw_masked = ''
WHERE raw_masked <> '' AND raw_masked NOT LIKE 'id % · card %';
