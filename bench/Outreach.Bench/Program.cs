using Outreach.Bench;

// Whole-system benchmarks: each prints its figures next to a baseline measured in the same run, as a ratio.
return await BenchmarkRunner.RunAsync(args);
