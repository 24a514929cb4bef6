// Hangfire keeps process-wide statics (JobStorage.Current, its log provider, the dashboard's menu) that every host built
// in this process overwrites; hosts of parallel test classes would step on each other. The worker processes of the
// crash tests are separate, but the dashboard beside them is not.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
