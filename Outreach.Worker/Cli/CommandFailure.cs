using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Worker.Jobs;

namespace Outreach.Worker.Cli;

/// <summary>Turns the failures an operator can act on into one line on stderr and a non-zero exit code.</summary>
internal static class CommandFailure
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (JobArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"configuration error: {string.Join(" ", ex.Failures)}");
            return 3;
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"database error: {ex.Message}");
            return 4;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or IOException or ArgumentException
            || ex.GetType().Namespace?.StartsWith("Outreach", StringComparison.Ordinal) == true)
        {
            await Console.Error.WriteLineAsync($"failed: {ex.Message}");
            return 1;
        }
    }
}
