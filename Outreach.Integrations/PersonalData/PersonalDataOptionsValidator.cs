using Microsoft.Extensions.Options;

namespace Outreach.Integrations.PersonalData;

internal sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options) =>
        options.TryGetKeyBytes(out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{PersonalDataOptions.HashKeyPath} is required: base64 of at least {PersonalDataOptions.MinimumKeyBytes} bytes "
                + $"or a passphrase of at least {PersonalDataOptions.MinimumKeyBytes} characters");
}
