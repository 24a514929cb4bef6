using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Communities;

/// <summary>Loads the configured communities at start; a csv community also drops today's file into the drop folder.</summary>
internal sealed partial class CommunitySeeder(CommunitySimulator communities, TimeProvider time, ILogger<CommunitySeeder> logger)
{
    public void Seed(SandboxOptions options)
    {
        foreach (var seed in options.Communities)
        {
            var residents = seed.Snapshot is { Length: > 0 } path ? SnapshotFile.Load(path) : [];
            if (seed.Kind == CommunityKind.Rest)
            {
                communities.Seed(seed.Code, seed.EffectiveToken, residents);
                Log.Seeded(logger, seed.Code, seed.Kind, residents.Count);
                continue;
            }

            communities.SeedCsv(seed.Code, residents);
            Log.Seeded(logger, seed.Code, seed.Kind, residents.Count);
            var drop = communities.WriteCsvDrop(seed.Code, options.DropFolder!, ShanghaiTime.Today(time), seed.DropEncoding, seed.DropHeaders);
            Log.Dropped(logger, seed.Code, drop);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9104, Level = LogLevel.Information, Message = "Community {Community} ({Kind}) seeded with {Count} residents")]
        public static partial void Seeded(ILogger logger, string community, CommunityKind kind, int count);

        [LoggerMessage(EventId = 9105, Level = LogLevel.Information, Message = "Community {Community} dropped {Path}")]
        public static partial void Dropped(ILogger logger, string community, string path);
    }
}
