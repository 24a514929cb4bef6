-- Quartz.NET's ADO job store lives in its own schema. Its tables are created from the official script shipped
-- inside the referenced Quartz assembly (QuartzSchemaInstaller), so they always match the Quartz version in use.
CREATE SCHEMA IF NOT EXISTS quartz;
