using Npgsql;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.Staff;

/// <summary>Reads one account as it is now, so a session follows role changes and ends when the account is disabled.</summary>
internal sealed class StaffAccounts(NpgsqlDataSource dataSource)
{
    /// <summary>The active account with this id, or null when it was disabled or removed.</summary>
    public async Task<StaffMember?> FindActiveAsync(long id, CancellationToken cancellationToken)
    {
        const string sql = "SELECT username, display_name, role, email FROM outreach.staff WHERE id = $1 AND NOT disabled";
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StaffMember(id, reader.GetString(0), reader.GetString(1), StaffRoles.Parse(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3));
    }
}
