-- The dashboard's ASP.NET Core data-protection key ring (staff session cookies, antiforgery tokens), shared by every
-- dashboard instance on this database so that one behind a load balancer honours what another issued. Rows are XML
-- written and read by data protection itself; none is deleted: an expired key still reads what it protected.
CREATE TABLE outreach.data_protection_keys (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name   text        NOT NULL,
    xml             text        NOT NULL,
    created_at      timestamptz NOT NULL
);
