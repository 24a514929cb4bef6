using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Worker.Hosting;
using Outreach.Worker.Readers.HashKeys;

namespace Outreach.Worker.Cli;

/// <summary><c>finish-key-rotation</c>: retires the previous ID-number hash key once no hash of it remains (or forgets those left).</summary>
internal static class HashKeyCommand
{
    public static Command Create()
    {
        var forget = new Option<bool>("--forget-remaining")
        {
            Description = "Clear the ID-number hashes the previous key still made (readers no roster listed since the rotation began).",
        };
        var command = new Command("finish-key-rotation",
            "Finish rotating the ID-number hash key: afterwards Outreach:PersonalData:PreviousHashKey can be removed from every host.");
        command.Options.Add(forget);
        command.SetAction((parse, ct) => CommandFailure.GuardAsync(async () =>
        {
            using var host = HubHost.Build(HostRole.Client);
            // Phones are on record: their hashes are rewritten under the new key from the number itself, before the old key goes.
            await host.Services.GetRequiredService<PhoneHashJob>().RunAsync(ct);
            var forgotten = await host.Services.GetRequiredService<HashKeyLedger>().FinishRotationAsync(parse.GetValue(forget), ct);
            Console.WriteLine(forgotten switch
            {
                null => "No rotation of the ID-number hash key is in progress.",
                0 => "Rotation finished: every hash is under the new key. Remove Outreach:PersonalData:PreviousHashKey from every host.",
                var n => $"Rotation finished: {n:N0} hashes of the previous key were cleared. Remove Outreach:PersonalData:PreviousHashKey from every host.",
            });
            return 0;
        }));
        return command;
    }
}
