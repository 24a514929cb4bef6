using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Outreach.Integrations.Communities;
using Outreach.Integrations.PersonalData;

namespace Outreach.Worker.Readers.Sync;

/// <summary>What staging saw: rows read, how many validation refused, contact warnings.</summary>
public sealed record StagingCounts(long Read, long Quarantined, long Warnings);

/// <summary>
/// Streams a roster into the run's staging table with one binary COPY: each row validated, its ID number
/// replaced by a keyed hash and a mask, refused rows kept with their reason and masked raw text. Memory does
/// not grow with the roster.
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
            outcome text NULL
        ) ON COMMIT DROP
        """;

    private const string CopySql = $"""
        COPY {StagingTable} (row_number, resident_id, id_hash, id_masked, name, name_masked, phone, email, address, birth_date,
            status, wants_card, email_opt_in, source_updated_at, row_hash, reason_code, reason_text, raw_masked, warnings)
        FROM STDIN (FORMAT BINARY)
        """;

    private const int ProgressEvery = 50_000;

    /// <summary>Creates the staging table in the caller's transaction and copies the rows into it.</summary>
    public async Task<StagingCounts> StageAsync(NpgsqlConnection connection, string community, CommunityKind kind,
        IAsyncEnumerable<ResidentRow> rows, Func<long, Task> reportProgress, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(CreateSql, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        long read = 0, quarantined = 0, warnings = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                read++;
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.RowNumber, NpgsqlDbType.Bigint, cancellationToken);
                switch (ResidentRowValidator.Validate(row, kind))
                {
                    case RowVerdict.Accepted accepted:
                        await WriteAcceptedAsync(importer, community, accepted, cancellationToken);
                        warnings += accepted.Warnings.Count;
                        break;
                    case RowVerdict.Quarantined refused:
                        await WriteQuarantinedAsync(importer, row, refused, cancellationToken);
                        quarantined++;
                        break;
                }

                if (read % ProgressEvery == 0)
                {
                    await reportProgress(read);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return new StagingCounts(read, quarantined, warnings);
    }

    private async Task WriteAcceptedAsync(NpgsqlBinaryImporter importer, string community, RowVerdict.Accepted accepted, CancellationToken ct)
    {
        var r = accepted.Resident;
        await importer.WriteAsync(r.ResidentId, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.IdNumber is null ? null : hasher.Hash(r.IdNumber), NpgsqlDbType.Bytea, ct);
        await WriteNullableAsync(importer, r.IdNumber is null ? null : IdNumber.Mask(r.IdNumber), NpgsqlDbType.Text, ct);
        await importer.WriteAsync(r.Name, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(Masking.Name(r.Name), NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.Phone, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.Email, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.Address, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(importer, r.BirthDate, NpgsqlDbType.Date, ct);
        await importer.WriteAsync(ReaderStatus.Name(r.Status), NpgsqlDbType.Text, ct);
        await importer.WriteAsync(r.WantsLibraryCard, NpgsqlDbType.Boolean, ct);
        await importer.WriteAsync(r.EmailOptIn, NpgsqlDbType.Boolean, ct);
        await WriteNullableAsync(importer, r.UpdatedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await importer.WriteAsync(RowHash(community, r), NpgsqlDbType.Bytea, ct);
        await importer.WriteNullAsync(ct);
        await importer.WriteNullAsync(ct);
        await importer.WriteNullAsync(ct);
        await WriteNullableAsync(importer, accepted.Warnings.Count == 0 ? null : accepted.Warnings.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
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
        await importer.WriteAsync(RawRowMasker.Mask(row.RawText), NpgsqlDbType.Text, ct);
        await importer.WriteNullAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? importer.WriteNullAsync(ct) : importer.WriteAsync(value, type, ct);

    /// <summary>A digest of everything the registry keeps from the row: equal digests mean "unchanged".</summary>
    private static byte[] RowHash(string community, ValidatedResident r)
    {
        var text = string.Join('\u001f', community, r.ResidentId, r.IdNumber, r.Name, r.Phone, r.Email, r.Address,
            r.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.Status, r.WantsLibraryCard, r.EmailOptIn);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }
}
