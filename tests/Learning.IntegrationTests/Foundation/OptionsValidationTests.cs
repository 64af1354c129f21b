using System.Diagnostics;
using Learning.IntegrationTests.Infrastructure;

namespace Learning.IntegrationTests.Foundation;

/// <summary>
/// Issue 10, item 2: every options class is validated on start, and a bad value stops the node before it serves anything,
/// with a message that names the full key. Configuration alone, so SQLite only.
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Learning:Media:ChunkBytes", "-1", "Learning:Media:ChunkBytes")]
    [InlineData("Learning:Database:Provider", "Oracle", "Learning:Database:Provider")]
    [InlineData("Learning:ReverseProxy:KnownProxies:0", "10.0.0.300", "Learning:ReverseProxy:KnownProxies:0")]
    [InlineData("Learning:ReverseProxy:KnownNetworks:0", "10.0.0.0/33", "Learning:ReverseProxy:KnownNetworks:0")]
    [InlineData("Learning:Media:ChunkSizeBytes", "1048576", "Learning:Media:ChunkSizeBytes")]
    [InlineData("Learning:Jobs:PollMilliseconds", "0", "Learning:Jobs:PollMilliseconds")]
    [InlineData("Learning:Security:LockoutMinutes", "0", "Learning:Security:LockoutMinutes")]
    [InlineData("Learning:Storage:MinFreeMegabytes", "-5", "Learning:Storage:MinFreeMegabytes")]
    [InlineData("Learning:Courses:AssignmentSyncMinutes", "abc", "Learning:Courses:AssignmentSyncMinutes")]
    [InlineData("Learning:Modules:Disabled:0", "Learning.Nowhere", "Learning:Modules:Disabled")]
    public async Task Start_WithABadValue_FailsNamingTheKey(string key, string value, string named)
    {
        var failure = await TestSite.FailToStartAsync(new() { [key] = value });

        Assert.Contains(named, Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_FailsNamingTheKey()
    {
        var failure = await TestSite.FailToStartAsync(new() { ["Learning:Database:Provider"] = "PostgreSql", ["Learning:Database:ConnectionString"] = "" });

        Assert.Contains("Learning:Database:ConnectionString: required with PostgreSql", Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecipeCommand_WithABadValue_FailsNamingTheKeyAndRunsNothing()
    {
        // The command-line verbs do not start the host; they run the same start-up validation.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var host = RepositoryRoot.File("src", "Learning.Web", "bin", configuration, "net10.0", "Learning.Web.dll");
        var folder = Directory.CreateTempSubdirectory("learning-options-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(host);
            start.ArgumentList.Add("recipe");
            start.ArgumentList.Add("run");
            start.ArgumentList.Add(Databases.ContentRecipes("setup.recipe.json"));
            start.Environment["Learning__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "l.db")}";
            start.Environment["Learning__Security__LockoutMinutes"] = "0";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "the host did not exit");
            var text = await output + await errors;

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("Learning:Security:LockoutMinutes", text, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "l.db")), "the command touched the database");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Messages(Exception failure)
    {
        var messages = new List<string>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            messages.Add($"{e.GetType().Name}: {e.Message}");
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(Messages));
            }
        }

        return string.Join(" | ", messages);
    }
}
