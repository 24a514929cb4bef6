using System.Collections.Concurrent;
using Outreach.Sandbox.Hosting;

namespace Outreach.Sandbox.Communities;

/// <summary>The town's community systems as the sandbox holds them; thread-safe, shared by the HTTP API and tests.</summary>
public sealed class CommunitySimulator(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, SimCommunity> _communities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<CommunityInfo> List() =>
        [.. _communities.Values.Select(c => c.Info()).OrderBy(c => c.Code, StringComparer.Ordinal)];

    /// <summary>Creates a rest community or replaces its roster and token. Cursors it issued stay valid; every resident counts as changed.</summary>
    public void Seed(string code, string token, IEnumerable<SimResident> residents)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        Put(code, CommunityKind.Rest, token, residents);
    }

    /// <summary>Creates a csv community (no API, drops only) or replaces its roster.</summary>
    public void SeedCsv(string code, IEnumerable<SimResident> residents) => Put(code, CommunityKind.Csv, "", residents);

    /// <summary>Adds or changes a resident; it is reported to the next incremental read.</summary>
    public void Upsert(string code, SimResident resident) => Require(code).Residents.Upsert(Stamp(resident));

    /// <summary>Deletes a resident outright (a withdrawal is an Upsert with status "withdrawn").</summary>
    public bool Remove(string code, string residentId) => Require(code).Residents.Remove(residentId);

    public SimResident? Get(string code, string residentId) => Require(code).Residents.Get(residentId);

    /// <summary>The community's current residents in resident_id order.</summary>
    public IReadOnlyList<SimResident> Residents(string code) => Require(code).Residents.All();

    public CardUpdateSummary CardUpdates(string code) => Require(code).Cards.Summary();

    /// <summary>Writes residents_{CODE}_{yyyyMMdd}.csv of the current residents into <paramref name="folder"/> and returns its path.</summary>
    /// <param name="code">The community.</param>
    /// <param name="folder">The drop folder; created when missing.</param>
    /// <param name="date">The date in the file name.</param>
    /// <param name="encoding">gb18030, utf8bom or utf8.</param>
    /// <param name="headers">zh or en.</param>
    public string WriteCsvDrop(string code, string folder, DateOnly date, string encoding = CsvDropFormat.Gb18030,
        string headers = CsvDropFormat.ChineseHeaders)
    {
        var community = Require(code);
        return CsvDropWriter.Write(community.Code, community.Residents.All(), folder, date, CsvDropFormat.Parse(encoding, headers));
    }

    internal SimCommunity? Find(string code) => _communities.GetValueOrDefault(code);

    private void Put(string code, CommunityKind kind, string token, IEnumerable<SimResident> residents)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        var stamped = residents.Select(Stamp).ToList();
        var community = _communities.GetOrAdd(code, static c => new SimCommunity(c));
        community.Configure(kind, token);
        community.Residents.ReplaceAll(stamped);
    }

    private SimCommunity Require(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Community {code} is not in the sandbox; seed it first.");

    private SimResident Stamp(SimResident resident)
    {
        ArgumentException.ThrowIfNullOrEmpty(resident.ResidentId, nameof(resident));
        return resident.UpdatedAt.Length > 0
            ? resident
            : resident with { UpdatedAt = ShanghaiTime.Iso(timeProvider.GetUtcNow()) };
    }
}
