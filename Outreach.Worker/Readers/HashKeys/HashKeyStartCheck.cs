using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Outreach.Integrations.Logging;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Readers.HashKeys;

/// <summary>
/// Says at start what this host's hash keys meet in the registry: a refusal (every roster sync will fail with the same
/// message), a rotation in progress, or nothing to say. Never stops the host: its other jobs do not need the key.
/// </summary>
internal sealed partial class HashKeyStartCheck(HashKeyLedger ledger, PersonalDataHasher hasher, ILogger<HashKeyStartCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var current = PersonalDataHasher.Show(hasher.Fingerprint);
        var previous = hasher.PreviousFingerprint is { } fingerprint ? PersonalDataHasher.Show(fingerprint) : "";
        try
        {
            switch (await ledger.InspectAsync(cancellationToken))
            {
                case HashKeyVerdict.Refused refused:
                    Log.Refused(logger, refused.Message);
                    break;
                case HashKeyVerdict.Record:
                    Log.FirstKey(logger, current);
                    break;
                case HashKeyVerdict.BeginRotation:
                    Log.RotationBegins(logger, previous, current);
                    break;
                case HashKeyVerdict.Ready { PreviousId: not null }:
                    Log.Rotating(logger, previous, current);
                    break;
                case HashKeyVerdict.Ready when hasher.PreviousFingerprint is not null:
                    Log.PreviousKeyUnused(logger, PersonalDataOptions.PreviousHashKeyPath);
                    break;
            }
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
        {
            // The database may be down at start; the first sync checks again and fails with the message if it must.
            Log.NotChecked(logger, failure);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.RosterSync + 51, Level = LogLevel.Error, Message = "Roster syncs will be refused: {Reason}")]
        public static partial void Refused(ILogger logger, string reason);

        [LoggerMessage(EventId = LogEvents.RosterSync + 52, Level = LogLevel.Information,
            Message = "No ID-number hash key is recorded yet: the first roster sync records this host's key (fingerprint {Fingerprint})")]
        public static partial void FirstKey(ILogger logger, string fingerprint);

        [LoggerMessage(EventId = LogEvents.RosterSync + 53, Level = LogLevel.Warning,
            Message = "The next roster sync begins rotating ID-number hashes from the key with fingerprint {Previous} to this host's key (fingerprint {Current})")]
        public static partial void RotationBegins(ILogger logger, string previous, string current);

        [LoggerMessage(EventId = LogEvents.RosterSync + 54, Level = LogLevel.Information,
            Message = "ID-number hashes are being rotated from the key with fingerprint {Previous} to {Current}: rewritten as residents arrive in rosters")]
        public static partial void Rotating(ILogger logger, string previous, string current);

        [LoggerMessage(EventId = LogEvents.RosterSync + 55, Level = LogLevel.Information, Message = "{Setting} is set but no rotation is in progress: it can be removed")]
        public static partial void PreviousKeyUnused(ILogger logger, string setting);

        [LoggerMessage(EventId = LogEvents.RosterSync + 56, Level = LogLevel.Warning, Message = "The ID-number hash key could not be checked at start; the first roster sync checks it")]
        public static partial void NotChecked(ILogger logger, Exception exception);
    }
}
