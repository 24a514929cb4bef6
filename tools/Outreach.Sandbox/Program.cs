using System.ComponentModel.DataAnnotations;
using System.Net.Sockets;
using System.Text.Json;
using Outreach.Sandbox.Hosting;

SandboxOptions? options;
try
{
    options = StandaloneOptions.Load(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(StandaloneOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(StandaloneOptions.Usage);
    return 0;
}

options.ConfigureLogging = logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .AddFilter("Microsoft", LogLevel.Warning)
    .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None); // a failed start is reported below, without the stack
try
{
    await using var sandbox = await SandboxHost.StartAsync(options);
    SandboxBanner.Write(sandbox, options, Console.Out);
    await sandbox.WaitForShutdownAsync();
    return 0;
}
catch (Exception e) when (e is ValidationException or IOException or SocketException or JsonException or InvalidDataException)
{
    // A taken port, a missing or malformed snapshot: say so plainly, no stack trace.
    Console.Error.WriteLine($"The sandbox could not start: {e.Message}");
    return 1;
}
