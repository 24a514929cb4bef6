using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Worker.Audit;

namespace Outreach.Worker.Staff;

/// <summary>
/// A staff account as the dashboard sees it (never the password hash). <see cref="SessionVersion"/> moves on whenever
/// every session of the account must end: logout, a new password, a new role, the account disabled.
/// </summary>
public sealed record StaffMember(long Id, string Username, string DisplayName, StaffRole Role, string? Email, int SessionVersion = 1,
    bool Disabled = false, DateTimeOffset? LastLoginAt = null, string? Language = null);

/// <summary>How a login attempt ended. A refusal names the account when the username was one (for the audit trail only).</summary>
public abstract record LoginResult
{
    public sealed record Success(StaffMember Member) : LoginResult;

    public sealed record Refused(long? StaffId = null, string? Username = null) : LoginResult;

    public sealed record LockedOut(DateTimeOffset Until, long StaffId, string Username) : LoginResult;
}

/// <summary>What an admin's change to an account did.</summary>
public enum StaffChange
{
    Done,

    /// <summary>The account already was so: nothing changed, nothing audited.</summary>
    Unchanged,

    NotFound,

    /// <summary>Refused: it would leave the hub without an active admin.</summary>
    LastAdmin,

    /// <summary>Refused: the current password given was wrong.</summary>
    WrongPassword,
}

/// <summary>
/// Staff accounts in PostgreSQL: creation, password checks with lock-out, listing, and their lifecycle (role, disable and
/// re-enable, password, ending sessions). Every change is written with its audit entry in one transaction.
/// </summary>
public sealed class StaffStore(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider clock, IOptions<StaffOptions> options)
{
    public const int MinimumPasswordLength = 12;

    private const string MemberColumns = "id, username, display_name, role, email, session_version, disabled, last_login_at, language";

    /// <summary>Creates an account, or resets an existing one (display name, role, email, password; unlocked, enabled, every session ended).</summary>
    public async Task<StaffMember> CreateAsync(string username, string displayName, StaffRole role, string password, string? email,
        CancellationToken cancellationToken) =>
        await CreateAsync(username, displayName, role, password, email, AuditActor.Hub, cancellationToken);

    public async Task<StaffMember> CreateAsync(string username, string displayName, StaffRole role, string password, string? email, AuditActor by,
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

        const string sql = $"""
            INSERT INTO outreach.staff (username, display_name, role, password_hash, email, created_at, password_changed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            ON CONFLICT (lower(username)) DO UPDATE
                SET display_name = EXCLUDED.display_name, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
                    email = EXCLUDED.email, failed_logins = 0, locked_until = NULL, disabled = false, disabled_at = NULL,
                    password_changed_at = EXCLUDED.password_changed_at, session_version = outreach.staff.session_version + 1
            RETURNING {MemberColumns}, (xmax = 0)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(username.Trim());
        command.Parameters.AddWithValue(string.IsNullOrWhiteSpace(displayName) ? username.Trim() : displayName.Trim());
        command.Parameters.AddWithValue(role.Name());
        command.Parameters.AddWithValue(PasswordHasher.Hash(password));
        command.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Text, (object?)email ?? DBNull.Value);
        command.Parameters.AddWithValue(clock.GetUtcNow());
        StaffMember member;
        bool created;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            member = ReadMember(reader);
            created = reader.GetBoolean(9);
        }

        await audit.AppendAsync(connection, transaction, by, new AuditEntry(AuditActions.StaffSaved, AuditEntry.Staff(member.Id), new Dictionary<string, string>
        {
            ["username"] = member.Username,
            ["role"] = role.Name(),
            ["change"] = created ? "created" : "reset",
        }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return member;
    }

    public async Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM outreach.staff WHERE role = 'admin' AND NOT disabled)");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Checks a password. Wrong passwords count towards a lock-out; a locked account refuses even the right password
    /// until the lock expires. Unknown and disabled users take the same time as known ones.
    /// </summary>
    public async Task<LoginResult> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        StaffMember? member = null;
        string? hash = null;
        DateTimeOffset? lockedUntil = null;
        await using (var find = new NpgsqlCommand($"""
            SELECT {MemberColumns}, password_hash, locked_until
            FROM outreach.staff WHERE lower(username) = lower($1) AND NOT disabled
            FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.AddWithValue(username.Trim());
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                member = ReadMember(reader);
                hash = reader.GetString(9);
                lockedUntil = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10);
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
            return new LoginResult.LockedOut(lockedUntil.Value, member.Id, member.Username);
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
        return valid ? new LoginResult.Success(member) : new LoginResult.Refused(member.Id, member.Username);
    }

    /// <summary>The enabled account with this id as it is now (its session version included), or null when disabled or gone.</summary>
    public async Task<StaffMember?> FindActiveAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {MemberColumns} FROM outreach.staff WHERE id = $1 AND NOT disabled");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadMember(reader) : null;
    }

    /// <summary>Every account, the disabled ones too.</summary>
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var members = new List<StaffMember>();
        await using var command = dataSource.CreateCommand($"SELECT {MemberColumns} FROM outreach.staff ORDER BY disabled, lower(username)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(ReadMember(reader));
        }

        return members;
    }

    /// <summary>Gives an account another role; its sessions end (the next request signs in again with the new role).</summary>
    public Task<StaffChange> ChangeRoleAsync(long id, StaffRole role, AuditActor by, CancellationToken cancellationToken) =>
        ChangeAsync(id, by, AuditActions.StaffRoleChanged,
            leavesAdmin: current => current.Role == StaffRole.Admin && role != StaffRole.Admin && !current.Disabled,
            unchanged: current => current.Role == role,
            "role = $2", [role.Name()], new Dictionary<string, string> { ["role"] = role.Name() }, cancellationToken);

    /// <summary>Disables an account: it cannot log in, and every session of it ends at once.</summary>
    public Task<StaffChange> DisableAsync(long id, AuditActor by, CancellationToken cancellationToken) =>
        ChangeAsync(id, by, AuditActions.StaffDisabled,
            leavesAdmin: current => current.Role == StaffRole.Admin && !current.Disabled,
            unchanged: current => current.Disabled,
            "disabled = true, disabled_at = $2", [clock.GetUtcNow()], null, cancellationToken);

    /// <summary>Enables a disabled account again; it logs in with the password it had.</summary>
    public Task<StaffChange> EnableAsync(long id, AuditActor by, CancellationToken cancellationToken) =>
        ChangeAsync(id, by, AuditActions.StaffEnabled,
            leavesAdmin: _ => false,
            unchanged: current => !current.Disabled,
            "disabled = false, disabled_at = NULL, failed_logins = 0, locked_until = NULL", [], null, cancellationToken);

    /// <summary>A staff member changes their own password; every session of the account ends, this one too.</summary>
    public async Task<StaffChange> ChangePasswordAsync(long id, string currentPassword, string newPassword, AuditActor by, CancellationToken cancellationToken)
    {
        if (newPassword.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"A staff password is at least {MinimumPasswordLength} characters.", nameof(newPassword));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var find = new NpgsqlCommand("SELECT password_hash FROM outreach.staff WHERE id = $1 AND NOT disabled FOR UPDATE", connection, transaction))
        {
            find.Parameters.AddWithValue(id);
            if (await find.ExecuteScalarAsync(cancellationToken) is not string hash)
            {
                return StaffChange.NotFound;
            }

            if (!PasswordHasher.Verify(currentPassword, hash))
            {
                return StaffChange.WrongPassword;
            }
        }

        await using (var update = new NpgsqlCommand("""
            UPDATE outreach.staff SET password_hash = $2, password_changed_at = $3, session_version = session_version + 1 WHERE id = $1
            """, connection, transaction))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(PasswordHasher.Hash(newPassword));
            update.Parameters.AddWithValue(clock.GetUtcNow());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, by, new AuditEntry(AuditActions.PasswordChanged, AuditEntry.Staff(id)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StaffChange.Done;
    }

    /// <summary>
    /// Keeps the language a staff member chose (one of <see cref="StaffLanguages.All"/>) with the account, so every later
    /// session, on any dashboard instance, opens in it. Not audited: it changes what the member reads, nothing else.
    /// </summary>
    public async Task<bool> SetLanguageAsync(long id, string language, CancellationToken cancellationToken)
    {
        var known = StaffLanguages.Find(language) ?? throw new ArgumentException($"'{language}' is not a staff language ({string.Join(", ", StaffLanguages.All)}).", nameof(language));
        await using var command = dataSource.CreateCommand("UPDATE outreach.staff SET language = $2 WHERE id = $1 AND NOT disabled");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(known);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Logout: every session of the account ends, on every dashboard instance, including copies of its cookie.</summary>
    public async Task EndSessionsAsync(long id, AuditActor by, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var update = new NpgsqlCommand("UPDATE outreach.staff SET session_version = session_version + 1 WHERE id = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await audit.AppendAsync(connection, transaction, by, new AuditEntry(AuditActions.LoggedOut, AuditEntry.Staff(id)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // One shape for the admin's changes: lock the active admins (so two admins cannot disable each other at once), check,
    // change, end the account's sessions and write the audit entry, in one transaction.
    private async Task<StaffChange> ChangeAsync(long id, AuditActor by, string action, Func<StaffMember, bool> leavesAdmin, Func<StaffMember, bool> unchanged,
        string set, object[] values, IReadOnlyDictionary<string, string>? details, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var admins = new List<long>();
        StaffMember? current = null;
        await using (var find = new NpgsqlCommand($"""
            SELECT {MemberColumns} FROM outreach.staff WHERE id = $1 OR (role = 'admin' AND NOT disabled) ORDER BY id FOR UPDATE
            """, connection, transaction))
        {
            find.Parameters.AddWithValue(id);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var member = ReadMember(reader);
                if (member.Role == StaffRole.Admin && !member.Disabled)
                {
                    admins.Add(member.Id);
                }

                if (member.Id == id)
                {
                    current = member;
                }
            }
        }

        if (current is null)
        {
            return StaffChange.NotFound;
        }

        if (unchanged(current))
        {
            return StaffChange.Unchanged;
        }

        if (leavesAdmin(current) && admins.Count <= 1)
        {
            return StaffChange.LastAdmin;
        }

        await using (var update = new NpgsqlCommand($"UPDATE outreach.staff SET {set}, session_version = session_version + 1 WHERE id = $1", connection, transaction))
        {
            update.Parameters.AddWithValue(id);
            foreach (var value in values)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var entryDetails = new Dictionary<string, string>(details ?? new Dictionary<string, string>()) { ["username"] = current.Username };
        await audit.AppendAsync(connection, transaction, by, new AuditEntry(action, AuditEntry.Staff(id), entryDetails), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StaffChange.Done;
    }

    private static StaffMember ReadMember(NpgsqlDataReader reader) => new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
        StaffRoles.Parse(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetBoolean(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetString(8));

    // Verifying against a fixed hash for unknown users keeps response times alike (no user enumeration by timing).
    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString(null, CultureInfo.InvariantCulture)));
}
