using Microsoft.Extensions.Options;

namespace Outreach.Integrations.PersonalData;

internal sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        if (!options.TryGetKeyBytes(out var key))
            return ValidateOptionsResult.Fail(
                $"{PersonalDataOptions.HashKeyPath} is required: base64 of at least {PersonalDataOptions.MinimumKeyBytes} bytes "
                + $"or a passphrase of at least {PersonalDataOptions.MinimumKeyBytes} characters");

        if (string.IsNullOrWhiteSpace(options.PreviousHashKey))
            return ValidateOptionsResult.Success;

        if (!options.TryGetPreviousKeyBytes(out var previous))
            return ValidateOptionsResult.Fail(
                $"{PersonalDataOptions.PreviousHashKeyPath}, when set, must be the old hash key: base64 of at least {PersonalDataOptions.MinimumKeyBytes} bytes "
                + $"or a passphrase of at least {PersonalDataOptions.MinimumKeyBytes} characters");

        return previous.AsSpan().SequenceEqual(key)
            ? ValidateOptionsResult.Fail(
                $"{PersonalDataOptions.PreviousHashKeyPath} is the same key as {PersonalDataOptions.HashKeyPath}: set it only while rotating to a new key, to the old one")
            : ValidateOptionsResult.Success;
    }
}
