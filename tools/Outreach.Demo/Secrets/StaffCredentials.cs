using System.Security.Cryptography;
using Outreach.Demo.Layout;

namespace Outreach.Demo.Secrets;

/// <summary>
/// The three demo staff accounts (admin, operator, viewer) with random passwords made on the first run and kept in
/// <c>.local/demo/credentials.txt</c>, so the logins a newcomer noted down keep working.
/// </summary>
internal static class StaffCredentials
{
    private static readonly string[] Roles = ["admin", "operator", "viewer"];

    // No look-alike characters (0/O, 1/l/I): the password is read off a terminal and typed into a browser.
    private const string PasswordCharacters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static IReadOnlyList<StaffAccount> Load(DemoPaths paths)
    {
        var file = KeyValueFile.Open(paths.CredentialsFile,
            "Demo staff logins (username=password), generated on the first run of ./outreach demo.\n" +
            "Each username is also its role. Delete .local/demo to start over with new passwords.");
        return Roles
            .Select(role => new StaffAccount(role, role, file.GetOrCreate(role, () => RandomNumberGenerator.GetString(PasswordCharacters, 20))))
            .ToList();
    }
}
