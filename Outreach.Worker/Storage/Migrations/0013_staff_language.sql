-- The language each staff member reads the dashboard in; NULL until they choose (their browser's language decides).
ALTER TABLE outreach.staff ADD COLUMN language text NULL CHECK (language IN ('zh-Hans', 'en'));
