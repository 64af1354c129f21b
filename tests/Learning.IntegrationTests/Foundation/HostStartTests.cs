using System.Diagnostics;

namespace Learning.IntegrationTests.Foundation;

/// <summary>The built host loads its own settings wherever it is started from (issue 9, item 8).</summary>
public sealed class HostStartTests
{
    [Fact]
    public async Task BuiltHost_StartedFromAnotherFolder_UsesItsOwnAppSettings()
    {
        // The host this test project was built with, in the same configuration (bin/<configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var host = RepositoryRoot.File("src", "Learning.Web", "bin", configuration, "net10.0", "Learning.Web.dll");
        Assert.True(File.Exists(host), host);
        var folder = Directory.CreateTempSubdirectory("learning-cwd-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder, // no appsettings.json here, as in the repository root
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(host);
            start.ArgumentList.Add("recipe");
            start.ArgumentList.Add("run");
            start.ArgumentList.Add(Path.Combine(folder, "khong-co.recipe.json"));
            start.Environment["Learning__Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "l.db")}";
            start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            start.Environment.Remove("DOTNET_ENVIRONMENT");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(60_000), "the host did not exit");
            var text = await output + await errors;

            // Its settings keep EF Core's SQL at Warning: the migrations it ran must not print one command each.
            Assert.DoesNotContain("Executed DbCommand", text, StringComparison.Ordinal);
            Assert.Contains("khong-co.recipe.json", text, StringComparison.Ordinal); // it ran, and said the recipe is missing
            Assert.NotEqual(0, process.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
