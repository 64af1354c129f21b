using System.Globalization;
using Learning.Modularity;

namespace Learning.Web.Hosting;

/// <summary>
/// <c>Learning.Web process NAME ARGS…</c>: one <see cref="IHostCommand"/> in a process of its own (ADR-047), started by
/// <see cref="HostProcesses"/>. The process has the core services and the enabled modules' (so the command reads and writes as
/// a web node does) but no web server, pages, identity pipeline or hosted services: it is built, runs the command, and ends.
/// Logs go to standard error, so standard output carries only the command's result.
/// </summary>
public static class HostCommands
{
    public const string Verb = "process";

    /// <summary>The parent's time when it started the process (ISO 8601): the process's clock starts there and runs on.</summary>
    public const string ClockVariable = "LEARNING_PROCESS_CLOCK";

    public static bool Matches(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("Usage: Learning.Web process NAME [ARGS…]");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = LearningHostExtensions.ContentRoot(),
        });
        // Not every service a module registers can be built here (some take the web node's: the request, antiforgery, pages),
        // so the container is not checked whole on build, as it is in Development; a command resolves only what it uses.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions
        {
            ValidateOnBuild = false,
            ValidateScopes = builder.Environment.IsDevelopment(),
        }));
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var catalog = builder.Services.AddLearningCore(builder.Configuration, builder.Environment);
        builder.Services.AddLearningModules(catalog, builder.Configuration);
        if (DateTimeOffset.TryParse(Environment.GetEnvironmentVariable(ClockVariable), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parentNow))
        {
            builder.Services.AddSingleton<TimeProvider>(new ContinuedClock(parentNow));
        }

        // The options are not all checked here: the node that started this process checked them when it started, and a section
        // this command never reads must not stop it. Those it reads are checked when first read, as everywhere.
        using var host = builder.Build();

        await using var scope = host.Services.CreateAsyncScope();
        if (scope.ServiceProvider.GetKeyedService<IHostCommand>(args[1]) is not { } command)
        {
            await Console.Error.WriteLineAsync($"No command '{args[1]}' in the enabled modules.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            return await command.RunAsync(args[2..], Console.Out, stop.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync(ex.ToString());
            return 1;
        }
    }
}

/// <summary>The parent's clock, continued: its time at the start, plus the time this process has run since.</summary>
internal sealed class ContinuedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(started);
}

