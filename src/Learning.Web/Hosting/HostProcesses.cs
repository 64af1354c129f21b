using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Learning.Data;
using Learning.Modularity;
using Microsoft.Extensions.Options;

namespace Learning.Web.Hosting;

/// <summary>
/// Runs <see cref="IHostCommand"/>s as child processes of this node (ADR-047): <c>dotnet Learning.Web.dll process NAME ARGS…</c>,
/// in the node's content root and environment. The child is given this node's settings (every <c>Learning:…</c> key, whatever
/// this node took it from: appsettings, the environment, the command line, a test's settings) as environment variables, and the
/// database as this node resolved it (a SQLite file under App_Data included), so it reads and writes where the node does, and
/// this node's time, so a row is overdue in the child exactly when it is in the node.
/// It runs with the workstation collector and without dynamic PGO: a short-lived process that does one thing, whose peak
/// memory is what a node's operator plans for (bench/README, "The export in a process of its own").
/// At most <see cref="HostProcessOptions.MaxConcurrent"/> run at once; a cancelled run kills its process.
/// </summary>
public sealed class HostProcesses(IConfiguration configuration, IHostEnvironment environment, DatabaseConnection database, TimeProvider clock,
    IOptions<HostProcessOptions> options, ILogger<HostProcesses> logger) : IHostProcesses, IDisposable
{
    /// <summary>Every setting of the platform's options lives under this key.</summary>
    private const string SettingsRoot = "Learning";

    private const int OutputLimit = 64 * 1024;
    private const int ErrorTail = 8 * 1024;

    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrent, options.Value.MaxConcurrent);

    public async Task<HostProcessResult> RunAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        await slots.WaitAsync(cancellationToken);
        try
        {
            return await StartAndWaitAsync(command, args, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    /// <summary>The process's start: the runtime's host, this host's assembly, the verb, the command and its arguments.</summary>
    internal ProcessStartInfo StartInfo(string command, IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo(Muxer())
        {
            WorkingDirectory = environment.ContentRootPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(typeof(HostProcesses).Assembly.Location);
        start.ArgumentList.Add(HostCommands.Verb);
        start.ArgumentList.Add(command);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var env = start.Environment;
        env["DOTNET_ENVIRONMENT"] = env["ASPNETCORE_ENVIRONMENT"] = environment.EnvironmentName;
        env[HostCommands.ClockVariable] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        env["DOTNET_gcServer"] = "0";
        env["DOTNET_TieredPGO"] = "0";
        foreach (var (key, value) in configuration.GetSection(SettingsRoot).AsEnumerable())
        {
            if (value is not null)
            {
                env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        // As this node resolved it: a SQLite file under App_Data is named by its full path.
        env[Key(DatabaseOptions.Section, nameof(DatabaseOptions.Provider))] = database.Provider.ToString();
        env[Key(DatabaseOptions.Section, nameof(DatabaseOptions.ConnectionString))] = WithoutJit(database.ConnectionString);
        var read = Key(DatabaseOptions.Section, nameof(DatabaseOptions.ReadConnectionString));
        if (env.TryGetValue(read, out var readConnection) && !string.IsNullOrWhiteSpace(readConnection))
        {
            env[read] = WithoutJit(readConnection);
        }

        return start;
    }

    /// <summary>
    /// On PostgreSQL, the process's sessions run without the server's JIT (<c>-c jit=off</c> added to the connection's options).
    /// A workbook's rows come from one long query whose estimated cost is far over the JIT's threshold, and compiling it (in each
    /// parallel worker) cost 0.5–1.5 s against nothing gained on a read that streams its rows (bench/README, "The export in a
    /// process of its own": the 200,019 rows in 7.0–8.1 s against 7.5–9.2 s with it, alternated).
    /// </summary>
    private string WithoutJit(string connectionString)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        return builder.ConnectionString;
    }

    private static string Key(string section, string name) => section.Replace(":", "__", StringComparison.Ordinal) + "__" + name;

    private async Task<HostProcessResult> StartAndWaitAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(command, args)) ?? throw new InvalidOperationException("The command's process did not start.");
        var output = ReadAsync(process.StandardOutput, OutputLimit, keepEnd: false);
        var error = ReadAsync(process.StandardError, ErrorTail, keepEnd: true);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            logger.LogInformation("Command {Command} (process {Pid}) stopped: its caller gave up after {Seconds:0.0} s.", command, process.Id, watch.Elapsed.TotalSeconds);
            throw;
        }

        var result = new HostProcessResult(process.ExitCode, await output, await error, watch.Elapsed);
        if (result.Succeeded)
        {
            logger.LogInformation("Command {Command} (process {Pid}) done in {Seconds:0.0} s: {Output}", command, process.Id, result.Elapsed.TotalSeconds, result.Output.Trim());
        }
        else
        {
            logger.LogError("Command {Command} (process {Pid}) failed with exit code {ExitCode} after {Seconds:0.0} s: {Error}",
                command, process.Id, result.ExitCode, result.Elapsed.TotalSeconds, result.Error.Trim());
        }

        return result;
    }

    /// <summary>A stream read to its end, keeping at most <paramref name="limit"/> characters: the first ones, or the last.</summary>
    private static async Task<string> ReadAsync(StreamReader reader, int limit, bool keepEnd)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            kept.Append(buffer, 0, read);
            if (kept.Length > limit)
            {
                if (keepEnd)
                {
                    kept.Remove(0, kept.Length - limit);
                }
                else
                {
                    kept.Length = limit;
                }
            }
        }

        return kept.ToString();
    }

    /// <summary>
    /// The runtime's host (<c>dotnet</c>): this process's when it is one (<c>dotnet Learning.Web.dll</c>, a test run), else the
    /// one the runtime was started from (an app host such as <c>bin/…/Learning.Web</c> from <c>dotnet run</c>).
    /// </summary>
    private static string Muxer()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), name, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // …/shared/Microsoft.NETCore.App/10.0.x/ → the dotnet folder.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var muxer = Path.Combine(root, name);
        return File.Exists(muxer) ? muxer : name;
    }
}
