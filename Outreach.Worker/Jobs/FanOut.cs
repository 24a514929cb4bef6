using Microsoft.Extensions.Options;
using Outreach.Worker.Communities;

namespace Outreach.Worker.Jobs;

/// <summary>
/// Runs one piece of work for each of several items (every community, every feed), each as its own run: all of them
/// run, one's failure does not stop the others, and the whole fails afterwards naming each failed item with its
/// reason. It is permanent only when every failure was: a retry would redo what cannot succeed alone.
/// </summary>
public sealed class FanOut(IOptionsMonitor<CommunityCatalogOptions> communities)
{
    /// <summary>Every configured community in code order.</summary>
    public Task EveryCommunityAsync(string work, Func<string, CancellationToken, Task> each, CancellationToken cancellationToken) =>
        EachAsync(work, communities.CurrentValue.Communities.Keys.Order(StringComparer.Ordinal).ToList(), each, cancellationToken);

    public static async Task EachAsync(string work, IReadOnlyCollection<string> items, Func<string, CancellationToken, Task> each,
        CancellationToken cancellationToken)
    {
        var failures = new List<(string Item, RunFailure Failure)>();
        foreach (var item in items)
        {
            try
            {
                await each(item, cancellationToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                failures.Add((item, RunFailures.Classify(failure, new RunSubject(work, item))));
            }
        }

        if (failures.Count == 0)
        {
            return;
        }

        var message = $"{work} failed for {failures.Count} of {items.Count}: {string.Join(" | ", failures.Select(f => $"{f.Item}: {f.Failure.Message}"))}";
        throw failures.All(f => f.Failure.Permanent) ? new PermanentJobFailureException(message) : new FanOutFailedException(message);
    }
}

/// <summary>Some items of a fan-out failed and at least one of them may succeed when retried.</summary>
public sealed class FanOutFailedException(string message) : Exception(message);
