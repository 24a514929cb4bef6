using System.Linq.Expressions;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Worker.Jobs;

/// <summary>A parameter a job takes on the command line, in a schedule or from "Run now".</summary>
public sealed record JobParameter(string Name, string Description, bool IsFlag = false);

/// <summary>
/// A job the hub can run: its name (as used by schedules and the CLI), its Hangfire queue, its parameters,
/// and one method call built from the arguments, used both to enqueue it and to run it in-process.
/// </summary>
public sealed class JobDefinition
{
    private readonly Func<IBackgroundJobClient, JobArguments, string> _enqueue;
    private readonly Func<IServiceProvider, JobArguments, CancellationToken, Task> _run;

    private JobDefinition(string name, Type jobType, string queue, string description, IReadOnlyList<JobParameter> parameters,
        Func<IBackgroundJobClient, JobArguments, string> enqueue, Func<IServiceProvider, JobArguments, CancellationToken, Task> run)
    {
        Name = name;
        JobType = jobType;
        Queue = queue;
        Description = description;
        Parameters = parameters;
        _enqueue = enqueue;
        _run = run;
    }

    public string Name { get; }

    /// <summary>The class Hangfire calls: how the dashboard knows a Hangfire job's hub name.</summary>
    public Type JobType { get; }

    public string Queue { get; }

    public string Description { get; }

    public IReadOnlyList<JobParameter> Parameters { get; }

    /// <summary>
    /// Defines a job from the call to make on <typeparamref name="TJob"/>. Hangfire substitutes its own
    /// cancellation token for <see cref="CancellationToken.None"/> when it performs the job.
    /// </summary>
    public static JobDefinition For<TJob>(string name, string queue, string description, IReadOnlyList<JobParameter> parameters,
        Func<JobArguments, CancellationToken, Expression<Func<TJob, Task>>> call)
        where TJob : notnull => new(name, typeof(TJob), queue, description, parameters,
            (client, args) => client.Enqueue(queue, call(args, CancellationToken.None)),
            (services, args, ct) => call(args, ct).Compile()(services.GetRequiredService<TJob>()));

    /// <summary>Puts the job on its Hangfire queue and returns the Hangfire job id.</summary>
    public string Enqueue(IBackgroundJobClient client, JobArguments arguments)
    {
        Validate(arguments);
        return _enqueue(client, arguments);
    }

    /// <summary>Runs the job now, in this process (the operator's <c>run</c> verb).</summary>
    public Task RunAsync(IServiceProvider services, JobArguments arguments, CancellationToken cancellationToken)
    {
        Validate(arguments);
        return _run(services, arguments, cancellationToken);
    }

    private void Validate(JobArguments arguments)
    {
        var unknown = arguments.Values.Keys.Where(k => !Parameters.Any(p => string.Equals(p.Name, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new JobArgumentException($"The job '{Name}' takes no argument {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
