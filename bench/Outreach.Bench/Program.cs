using Outreach.Bench;
using Outreach.Bench.Jobs;

// Whole-system benchmarks: each prints its figures next to a baseline measured in the same run, as a ratio.
// The jobs benchmark starts this program again as its Hangfire server (the "jobs-server" verb).
return args is [JobServerHost.Verb, ..] ? await JobServerHost.RunAsync(args) : await BenchmarkRunner.RunAsync(args);
