using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Outreach.Worker.Staff;

namespace Outreach.Dashboard.KeyRing;

/// <summary>The data-protection key ring kept in the hub's database (<see cref="KeyRingStore"/>): every dashboard instance reads the same keys and adds new ones there.</summary>
internal sealed class DatabaseXmlRepository(KeyRingStore keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => keys.ReadAll().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        keys.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
