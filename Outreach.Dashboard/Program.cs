using Outreach.Dashboard.Hosting;

await using var app = DashboardApp.Build(args);
await app.RunAsync();
