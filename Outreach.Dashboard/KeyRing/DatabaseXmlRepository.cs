using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Outreach.Dashboard.KeyRing;

/// <summary>
/// The data-protection key ring in outreach.data_protection_keys: every dashboard instance on the database reads the
/// same keys and adds new ones there. Data protection calls it rarely (at start, then about once a day, and when it
/// creates a key), and synchronously.
/// </summary>
internal sealed class DatabaseXmlRepository(NpgsqlDataSource dataSource, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM outreach.data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = dataSource.CreateCommand("INSERT INTO outreach.data_protection_keys (friendly_name, xml, created_at) VALUES ($1, $2, $3)");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.ExecuteNonQuery();
    }
}
