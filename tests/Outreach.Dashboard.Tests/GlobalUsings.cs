global using Outreach.Testing.Staff;
