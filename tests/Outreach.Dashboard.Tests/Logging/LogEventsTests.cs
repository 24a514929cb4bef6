using System.Reflection;
using Microsoft.Extensions.Logging;
using Outreach.Dashboard.Hosting;
using Outreach.Integrations.Logging;
using Outreach.Worker.Hosting;

namespace Outreach.Dashboard.Tests.Logging;

public sealed class LogEventsTests
{
    private static readonly Assembly[] Hub = [typeof(LogEvents).Assembly, typeof(WorkerHostExtensions).Assembly, typeof(DashboardApp).Assembly];

    [Fact]
    public void No_two_log_messages_of_the_hub_share_an_event_id_and_each_lies_in_its_features_range()
    {
        var messages = Hub.SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Message: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(found => found.Message is not null)
            .Select(found => (Id: found.Message!.EventId, Name: $"{found.Method.DeclaringType!.FullName}.{found.Method.Name}"))
            .ToList();
        var ranges = typeof(LogEvents).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (int)field.GetRawConstantValue()!).ToList();

        Assert.True(messages.Count > 50, $"only {messages.Count} log messages were found: are the assemblies the hub's?");
        Assert.Equal(ranges.Count, ranges.Distinct().Count());
        var shared = messages.GroupBy(m => m.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}");
        Assert.Empty(shared);
        var outside = messages.Where(m => !ranges.Any(first => m.Id > first && m.Id < first + 100)).Select(m => $"{m.Id}: {m.Name}");
        Assert.Empty(outside);
    }
}
