using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Outreach.Integrations.Communities;
using Outreach.Worker.Readers.Sync;

namespace Outreach.Worker.Tests.Readers;

public sealed class RowDigestTests
{
    public static TheoryData<ValidatedResident> Residents() =>
    [
        new() { ResidentId = "GL01-0000001", Name = "王伟明", Status = ResidentStatus.Active, WantsLibraryCard = true, EmailOptIn = false,
            IdNumber = "33020319500101123X", Phone = "13800000001", Email = "r1@mail.example.cn", Address = "古林镇古林路1号", BirthDate = new DateOnly(1950, 1, 1) },
        new() { ResidentId = "GL03-7", Name = "李", Status = ResidentStatus.MovedOut, WantsLibraryCard = false, EmailOptIn = true },
        new() { ResidentId = "x", Name = new string('长', 400), Status = ResidentStatus.Deceased, WantsLibraryCard = false, EmailOptIn = false,
            Address = new string('址', 300) },
    ];

    // The digests stored in the registry were made this way: a row of a roster seen before must still be found unchanged.
    [Theory]
    [MemberData(nameof(Residents))]
    public void The_digest_is_the_sha256_of_the_fields_joined_as_the_registry_stored_them(ValidatedResident r)
    {
        var text = string.Join('\u001f', "GL01", r.ResidentId, r.IdNumber, r.Name, r.Phone, r.Email, r.Address,
            r.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Status, r.WantsLibraryCard, r.EmailOptIn);

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(text)), RowDigest.Of("GL01", r));
    }
}
