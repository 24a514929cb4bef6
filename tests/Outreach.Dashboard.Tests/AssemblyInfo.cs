// Hangfire keeps process-wide state that each host sets while it is built (JobStorage.Current, the dashboard's
// navigation menu); building hosts one at a time keeps every test's host on its own database.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
