using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Learning.BrowserTests;

/// <summary>The built host started as a separate process on 127.0.0.1 with a fresh SQLite database, as `dotnet run` would.</summary>
public sealed partial class RunningSite : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataFolder;

    private RunningSite(Process process, string dataFolder, string baseUrl)
    {
        this.process = process;
        this.dataFolder = dataFolder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The site's SQLite database (for a test that plays a module writing rows no page writes yet).</summary>
    public string DatabasePath => Path.Combine(dataFolder, "learning.db");

    /// <summary>Runs each command-line <paramref name="commands"/> (setup, recipe run) against the fresh database, then serves.</summary>
    public static Task<RunningSite> StartAsync(IReadOnlyDictionary<string, string>? environment = null, params string[][] commands) =>
        StartOnAsync("http://127.0.0.1:0", environment, commands);

    /// <summary>
    /// A site set up with the shipped <c>setup</c> recipe (administrator qt@example.vn / Quantri2026x), then given the test's own
    /// recipe (<paramref name="recipeJson"/>, written to a temporary file for the <c>recipe run</c> verb), then served.
    /// </summary>
    public static async Task<RunningSite> StartWithRecipeAsync(string recipeJson, IReadOnlyDictionary<string, string>? environment = null)
    {
        var recipe = Path.Combine(Path.GetTempPath(), $"browser-test-{Guid.NewGuid():N}.recipe.json");
        await File.WriteAllTextAsync(recipe, recipeJson);
        try
        {
            return await StartAsync(environment,
                ["setup", "--recipe", "setup", "--admin-email", "qt@example.vn", "--admin-password", "Quantri2026x"],
                ["recipe", "run", recipe]);
        }
        finally
        {
            File.Delete(recipe);
        }
    }

    /// <summary>As <see cref="StartAsync"/>, listening on <paramref name="urls"/>: for a site that must know its own public address
    /// before it starts (links in e-mails).</summary>
    public static async Task<RunningSite> StartOnAsync(string urls, IReadOnlyDictionary<string, string>? environment = null, params string[][] commands)
    {
        var dataFolder = Directory.CreateTempSubdirectory("learning-browser-").FullName;
        foreach (var command in commands)
        {
            using var cli = Process.Start(Start(dataFolder, environment, command)) ?? throw new InvalidOperationException("dotnet did not start");
            var output = await cli.StandardOutput.ReadToEndAsync() + await cli.StandardError.ReadToEndAsync();
            await cli.WaitForExitAsync();
            if (cli.ExitCode != 0)
            {
                throw new InvalidOperationException($"`{string.Join(' ', command)}` failed ({cli.ExitCode}): {output}");
            }
        }

        var start = Start(dataFolder, environment, ["--urls", urls]);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ListeningOn().Match(line) is { Success: true } m)
            {
                url.TrySetResult(m.Groups[1].Value);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var finished = await Task.WhenAny(url.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != url.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The site did not start listening within 60 s.");
        }

        return new RunningSite(process, dataFolder, await url.Task);
    }

    private static ProcessStartInfo Start(string dataFolder, IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var configuration = typeof(RunningSite).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var bin = RepositoryRoot.File("src", "Learning.Web", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(bin, "Learning.Web.dll"), .. args])
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Learning__Database__ConnectionString"] = $"Data Source={Path.Combine(dataFolder, "learning.db")}";
        start.Environment["Learning__Courses__FilesPath"] = Path.Combine(dataFolder, "files");
        start.Environment["Learning__Media__StoragePath"] = Path.Combine(dataFolder, "media");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(dataFolder, recursive: true);
    }

    /// <summary>A port nobody listens on now, for <see cref="StartOnAsync"/>.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
