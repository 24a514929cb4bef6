using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Communities;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Readers.Sync;

/// <summary>
/// What staging saw: rows read, how many validation refused, contact warnings, and whether two accepted rows may share a
/// resident id or an ID number (false: certainly not).
/// </summary>
public sealed record StagingCounts(long Read, long Quarantined, long Warnings, bool MayHaveDuplicates);

/// <summary>
/// Streams a roster into the run's staging table with one binary COPY: each row validated, its ID number
/// replaced by a keyed hash and a mask, its birth date dropped, refused rows kept with their reason and their fields
/// masked one by one (<see cref="RawRowMasker"/>). Memory does not grow with the roster.
/// </summary>
public sealed class RosterStager(PersonalDataHasher hasher)
{
    public const string StagingTable = "roster_staging";

    private const string CreateSql = $"""
        CREATE TEMP TABLE {StagingTable} (
            row_number bigint NOT NULL,
            resident_id text NULL,
            id_hash bytea NULL,
            id_masked text NULL,
            name text NULL,
            name_masked text NULL,
            phone text NULL,
            email text NULL,
            address text NULL,
            birth_date date NULL,
            status text NULL,
            wants_card boolean NULL,
            email_opt_in boolean NULL,
            source_updated_at timestamptz NULL,
            row_hash bytea NULL,
            reason_code text NULL,
            reason_text text NULL,
            raw_masked text NULL,
            warnings text[] NULL,
            outcome text NULL,
            change text NULL,
            id_hash_previous bytea NULL,
            phone_hash bytea NULL
        ) ON COMMIT DROP
        """;

    private const string CopySql = $"""
        COPY {StagingTable} (row_number, resident_id, id_hash, id_masked, name, name_masked, phone, email, address, birth_date,
            status, wants_card, email_opt_in, source_updated_at, row_hash, reason_code, reason_text, raw_masked, warnings, id_hash_previous, phone_hash)
        FROM STDIN (FORMAT BINARY)
        """;

    private const int ProgressEvery = 50_000;

    // 16 batches of 256 rows in flight: the 4,096 rows the channel held one by one before.
    private const int BatchSize = 256;
    private const int BatchesInFlight = 16;

    /// <summary>
    /// Creates the staging table in the caller's transaction and copies the rows into it. While the hash key is rotated, each
    /// ID number is hashed under the previous key too, so that the readers still hashed under it are found.
    /// </summary>
    public async Task<StagingCounts> StageAsync(NpgsqlConnection connection, string community, CommunityKind kind, bool rotatingHashKey,
        IAsyncEnumerable<ResidentRow> rows, Func<long, Task> reportProgress, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateSql, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var suppressed = await SuppressedAsync(connection, community, cancellationToken);

        // Two stages on two cores: parsing, validating and hashing rows on one, writing them to COPY on the other.
        // The bounded channel keeps memory flat whatever the roster's size. Rows cross it in batches: one hand-over per row
        // costs a thread-pool wake-up each time the writer waits, which cost more than the writing itself.
        var channel = Channel.CreateBounded<List<StagedRow>>(new BoundedChannelOptions(BatchesInFlight) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => PrepareAsync(rows, community, kind, rotatingHashKey, suppressed, channel.Writer, stop.Token), stop.Token);

        long read = 0, quarantined = 0, warnings = 0;
        var duplicates = new DuplicateScreen();
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken);
            await foreach (var staged in UnbatchedAsync(channel.Reader, cancellationToken))
            {
                read++;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(staged.Row.RowNumber, NpgsqlDbType.Bigint, cancellationToken);
                switch (staged.Verdict)
                {
                    case RowVerdict.Accepted accepted:
                        await WriteAcceptedAsync(importer, staged, accepted, cancellationToken);
                        warnings += accepted.Warnings.Count;
                        duplicates.Add(accepted.Resident.ResidentId, staged.IdHash);
                        break;
                    case RowVerdict.Quarantined refused:
                        await WriteQuarantinedAsync(importer, staged.Row, refused, cancellationToken);
                        quarantined++;
                        break;
                }

                if (read % ProgressEvery == 0)
                {
                    await reportProgress(read);
                }
            }

            await producer;
            await importer.CompleteAsync(cancellationToken);
        }
        finally
        {
            // A failed COPY must not leave the producer blocked on a full channel, nor running on.
            await stop.CancelAsync();
            await Task.WhenAny(producer);
        }

        return new StagingCounts(read, quarantined, warnings, duplicates.MayHaveDuplicates());
    }

    private async Task PrepareAsync(IAsyncEnumerable<ResidentRow> rows, string community, CommunityKind kind, bool rotatingHashKey,
        Dictionary<string, string> suppressed,
        ChannelWriter<List<StagedRow>> writer, CancellationToken cancellationToken)
    {
        try
        {
            var batch = new List<StagedRow>(BatchSize);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                var verdict = row.ResidentId?.Trim() is { Length: > 0 } id && suppressed.TryGetValue(id, out var receipt)
                    ? ErasedOnRequest(receipt)
                    : ResidentRowValidator.Validate(row, kind);
                var staged = verdict is RowVerdict.Accepted { Resident: var r }
                    ? new StagedRow(row, verdict, r.IdNumber is null ? null : hasher.Hash(r.IdNumber), r.IdNumber is null ? null : IdNumber.Mask(r.IdNumber),
                        Masking.Name(r.Name), RowDigest.Of(community, r), rotatingHashKey && r.IdNumber is not null ? hasher.HashWithPreviousKey(r.IdNumber) : null,
                        r.Phone is null ? null : hasher.HashPhone(r.Phone))
                    : new StagedRow(row, verdict, null, null, null, null, null, null);
                batch.Add(staged);
                if (batch.Count == BatchSize)
                {
                    await writer.WriteAsync(batch, cancellationToken);
                    batch = new List<StagedRow>(BatchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception failure)
        {
            writer.Complete(failure);
            throw;
        }
    }

    private static async IAsyncEnumerable<StagedRow> UnbatchedAsync(ChannelReader<List<StagedRow>> batches,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in batches.ReadAllAsync(cancellationToken))
        {
            foreach (var staged in batch)
            {
                yield return staged;
            }
        }
    }

    /// <summary>A row ready for COPY: its verdict and what was derived from it off the writing thread.</summary>
    // The phone is validated into its normal form (11 digits), the form the desk's search hashes too.
    private sealed record StagedRow(ResidentRow Row, RowVerdict Verdict, byte[]? IdHash, string? IdMasked, string? NameMasked, byte[]? RowHash,
        byte[]? IdHashPrevious, byte[]? PhoneHash);

    private static async Task WriteAcceptedAsync(NpgsqlBinaryImporter importer, StagedRow staged, RowVerdict.Accepted accepted, CancellationToken ct)
    {
        var r = accepted.Resident;
        await importer.WriteAsync(r.ResidentId, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, staged.IdHash, NpgsqlDbType.Bytea, ct);
        await WriteNullableAsync(importer, staged.IdMasked, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(staged.NameMasked!, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.Phone, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.Email, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.Address, NpgsqlDbType.Text, ct);
        // Not kept: validated, then dropped. The hub has no use for it, and its digits are exactly those the ID number's mask hides.
        await importer.WriteNullAsync(ct);
        await importer.WriteAsync(ReaderStatus.Name(r.Status), NpgsqlDbType.Text, ct);
        await importer.WriteAsync(r.WantsLibraryCard, NpgsqlDbType.Boolean, ct);
        await importer.WriteAsync(r.EmailOptIn, NpgsqlDbType.Boolean, ct);
        await WriteNullableAsync(importer, r.UpdatedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await importer.WriteAsync(staged.RowHash!, NpgsqlDbType.Bytea, ct);
        await importer.WriteNullAsync(ct);
        await importer.WriteNullAsync(ct);
        await importer.WriteNullAsync(ct);
        await WriteNullableAsync(importer, accepted.Warnings.Count == 0 ? null : accepted.Warnings.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, staged.IdHashPrevious, NpgsqlDbType.Bytea, ct);
        await WriteNullableAsync(importer, staged.PhoneHash, NpgsqlDbType.Bytea, ct);
    }

    private static async Task WriteQuarantinedAsync(NpgsqlBinaryImporter importer, ResidentRow row, RowVerdict.Quarantined refused, CancellationToken ct)
    {
        // The resident id is kept when present: a known resident with a bad row must not look "missing" and be withdrawn.
        await WriteNullableAsync(importer, string.IsNullOrWhiteSpace(row.ResidentId) ? null : row.ResidentId.Trim(), NpgsqlDbType.Text, ct);
        for (var i = 0; i < 13; i++)
        {
            await importer.WriteNullAsync(ct);
        }

        await importer.WriteAsync(refused.ReasonCode, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(refused.ReasonText, NpgsqlDbType.Text, ct);
        // Of a resident who asked to be erased nothing is kept but the resident id the community sent.
        await importer.WriteAsync(refused.ReasonCode == ErasedOnRequestCode ? "" : RawRowMasker.Mask(row), NpgsqlDbType.Text, ct);
        await importer.WriteNullAsync(ct);
        await importer.WriteNullAsync(ct);
        await importer.WriteNullAsync(ct);
    }

    /// <summary>The quarantine reason of a row whose resident asked to be erased.</summary>
    public const string ErasedOnRequestCode = "erased_on_request";

    private static RowVerdict.Quarantined ErasedOnRequest(string receipt) => new(ErasedOnRequestCode,
        $"The resident asked the library to erase their data (receipt {receipt}): the row was not applied. Ask the community to stop sending it, "
        + "or lift the suppression on the privacy page if the resident joined again.");

    // The residents of this community who asked to be erased (a handful): their rows are refused as they stream by.
    private static async Task<Dictionary<string, string>> SuppressedAsync(NpgsqlConnection connection, string community, CancellationToken cancellationToken)
    {
        var suppressed = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT resident_id, receipt FROM outreach.erasure_suppressions WHERE community = $1", connection);
        command.Parameters.AddWithValue(community);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            suppressed[reader.GetString(0)] = reader.GetString(1);
        }

        return suppressed;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, type, ct);
}
