using Microsoft.Extensions.Options;

namespace Outreach.Integrations.Time;

/// <summary>Refuses a time zone the machine does not know, naming the key.</summary>
internal sealed class LibraryTimeOptionsValidator : IValidateOptions<LibraryTimeOptions>
{
    public ValidateOptionsResult Validate(string? name, LibraryTimeOptions options)
    {
        try
        {
            _ = options.Zone();
            return ValidateOptionsResult.Success;
        }
        catch (Exception failure) when (failure is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return ValidateOptionsResult.Fail($"{LibraryTimeOptions.TimeZoneKey} '{options.TimeZone}' is not a known time zone.");
        }
    }
}
