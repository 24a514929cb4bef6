using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach.Worker.Staff;

/// <summary>A staff account as the dashboard sees it (never the password hash).</summary>
public sealed record StaffMember(long Id, string Username, string DisplayName, StaffRole Role, string? Email);

/// <summary>How a login attempt ended.</summary>
public abstract record LoginResult
{
    public sealed record Success(StaffMember Member) : LoginResult;

    public sealed record Refused : LoginResult;

    public sealed record LockedOut(DateTimeOffset Until) : LoginResult;
}

/// <summary>Staff accounts in PostgreSQL: creation, password checks with lock-out, listing.</summary>
public sealed class StaffDirectory(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<StaffOptions> options)
{
    public const int MinimumPasswordLength = 12;

    public async Task<StaffMember> CreateAsync(string username, string displayName, StaffRole role, string password, string? email,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > 64)
        {
            throw new ArgumentException("A username is 1 to 64 characters.", nameof(username));
        }

        if (password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"A staff password is at least {MinimumPasswordLength} characters.", nameof(password));
        }

        const string sql = """
            INSERT INTO outreach.staff (username, display_name, role, password_hash, email, created_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (lower(username)) DO UPDATE
                SET display_name = EXCLUDED.display_name, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
                    email = EXCLUDED.email, failed_logins = 0, locked_until = NULL, disabled = false
            RETURNING id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(username.Trim());
        command.Parameters.AddWithValue(string.IsNullOrWhiteSpace(displayName) ? username.Trim() : displayName.Trim());
        command.Parameters.AddWithValue(role.Name());
        command.Parameters.AddWithValue(PasswordHasher.Hash(password));
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new StaffMember(id, username.Trim(), displayName, role, email);
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM outreach.staff WHERE role = 'admin' AND NOT disabled)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Checks a password. Wrong passwords count towards a lock-out; a locked account refuses even the right password
    /// until the lock expires. Unknown users take the same time as known ones.
    /// </summary>
    public async Task<LoginResult> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        StaffMember? member = null;
        string? hash = null;
        DateTimeOffset? lockedUntil = null;
        await using (var find = new NpgsqlCommand("""
            SELECT id, username, display_name, role, email, password_hash, locked_until
            FROM outreach.staff WHERE lower(username) = lower($1) AND NOT disabled
            FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.AddWithValue(username.Trim());
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                member = new StaffMember(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StaffRoles.Parse(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4));
                hash = reader.GetString(5);
                lockedUntil = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6);
            }
        }

        var now = clock.GetUtcNow();
        var valid = PasswordHasher.Verify(password, hash ?? DummyHash.Value);
        if (member is null)
        {
            return new LoginResult.Refused();
        }

        if (lockedUntil > now)
        {
            return new LoginResult.LockedOut(lockedUntil.Value);
        }

        var settings = options.Value;
        await using var update = new NpgsqlCommand(valid
            ? "UPDATE outreach.staff SET failed_logins = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1"
            : """
              UPDATE outreach.staff
              SET failed_logins = failed_logins + 1,
                  locked_until = CASE WHEN failed_logins + 1 >= $3 THEN $2 + $4 ELSE NULL END
              WHERE id = $1
              """, connection, transaction);
        update.Parameters.AddWithValue(member.Id);
        update.Parameters.AddWithValue(now);
        if (!valid)
        {
            update.Parameters.AddWithValue(settings.MaxFailedLogins);
            update.Parameters.AddWithValue(settings.LockoutDuration);
        }

        await update.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return valid ? new LoginResult.Success(member) : new LoginResult.Refused();
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var members = new List<StaffMember>();
        await using var command = dataSource.CreateCommand("SELECT id, username, display_name, role, email FROM outreach.staff WHERE NOT disabled ORDER BY username");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new StaffMember(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), StaffRoles.Parse(reader.GetString(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return members;
    }

    // Verifying against a fixed hash for unknown users keeps response times alike (no user enumeration by timing).
    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString()));
}
