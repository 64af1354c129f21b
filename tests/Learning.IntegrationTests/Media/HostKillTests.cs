using System.Diagnostics;
using System.Globalization;
using Learning.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Learning.IntegrationTests.Media;

/// <summary>
/// Issue 9, item 2: the built host, killed with SIGKILL mid-transcode, leaves no ffmpeg behind, and the job is taken again after
/// the restart (at once: its holder's process is gone, no need to wait for the lease) and finishes with a complete ladder.
/// </summary>
public sealed class HostKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task HostKilledMidTranscode_LeavesNoFFmpeg_AndTheJobIsRetakenAndFinishes()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var host = RepositoryRoot.File("src", "Learning.Web", "bin", configuration, "net10.0", "Learning.Web.dll");
        var folder = Directory.CreateTempSubdirectory("learning-kill-").FullName;
        var media = Path.Combine(folder, "media");
        var database = Path.Combine(folder, "learning.db");
        try
        {
            File.Copy(await MediaFixtures.ClipAsync(40, 1280, 720), Path.Combine(folder, "clip.mp4"));
            await File.WriteAllTextAsync(Path.Combine(folder, "help.recipe.json"), """
                { "name": "help", "steps": [ { "name": "helpVideos", "videos": [ { "title": "Nộp hồ sơ trực tuyến", "file": "clip.mp4" } ] } ] }
                """);

            ProcessStartInfo Start(params string[] args)
            {
                var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
                start.ArgumentList.Add(host);
                foreach (var a in args)
                {
                    start.ArgumentList.Add(a);
                }

                start.Environment["Learning__Database__Provider"] = "Sqlite";
                start.Environment["Learning__Database__ConnectionString"] = $"Data Source={database}";
                start.Environment["Learning__Media__StoragePath"] = media;
                start.Environment["Learning__Courses__FilesPath"] = Path.Combine(folder, "files");
                start.Environment["Learning__Jobs__LeaseSeconds"] = "60"; // the default: the restarted node must not wait for it
                start.Environment["Learning__Jobs__PollMilliseconds"] = "250";
                start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
                start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
                return start;
            }

            using (var recipe = Process.Start(Start("recipe", "run", Path.Combine(folder, "help.recipe.json")))!)
            {
                var said = recipe.StandardError.ReadToEndAsync();
                _ = recipe.StandardOutput.ReadToEndAsync();
                Assert.True(recipe.WaitForExit(120_000));
                Assert.True(recipe.ExitCode == 0, await said);
            }

            // First run: wait for ffmpeg to encode, then kill the host outright.
            using (var first = Process.Start(Start())!)
            {
                _ = first.StandardOutput.ReadToEndAsync();
                _ = first.StandardError.ReadToEndAsync();
                var encoders = await WaitAsync(() => FFmpegWriting(media), n => n.Count > 0, TimeSpan.FromSeconds(90));
                Assert.NotEmpty(encoders);
                await Task.Delay(1500);
                first.Kill(); // SIGKILL: no shutdown code runs
                first.WaitForExit();
            }

            var killedAt = Stopwatch.GetTimestamp();
            var left = await WaitAsync(() => FFmpegWriting(media), n => n.Count == 0, TimeSpan.FromSeconds(5));
            Assert.True(left.Count == 0, $"ffmpeg still running after its host was killed: {string.Join(", ", left)}");
            output.WriteLine($"no ffmpeg left {Stopwatch.GetElapsedTime(killedAt).TotalMilliseconds:0} ms after SIGKILL");

            // Second run: the job's lease runs out, it is taken again and finishes.
            using var second = Process.Start(Start())!;
            _ = second.StandardOutput.ReadToEndAsync();
            _ = second.StandardError.ReadToEndAsync();
            try
            {
                var restartedAt = Stopwatch.GetTimestamp();
                Assert.NotEmpty(await WaitAsync(() => FFmpegWriting(media), n => n.Count > 0, TimeSpan.FromSeconds(40)));
                var retaken = Stopwatch.GetElapsedTime(restartedAt);
                output.WriteLine($"retaken {retaken.TotalSeconds:0.0} s after the restart (lease 60 s)");
                // Its holder's process is gone from this machine: released at once, not after the 60-s lease.
                Assert.True(retaken < TimeSpan.FromSeconds(30), $"retaken after {retaken.TotalSeconds:0.0} s");
                var state = await WaitAsync(() => Task.FromResult(Query(database, "SELECT \"State\" FROM media_video")), s => s is "Ready" or "Failed", TimeSpan.FromSeconds(240));
                Assert.Equal("Ready", state);
                Assert.Equal("2", Query(database, "SELECT \"Attempts\" FROM core_job WHERE \"Kind\" = 'media.transcode'"));
                Assert.Equal("Succeeded", Query(database, "SELECT \"State\" FROM core_job WHERE \"Kind\" = 'media.transcode'"));

                // The ladder is complete: every playlist's segments exist, and no attempt folder is left.
                var video = Directory.GetDirectories(Path.Combine(media, "videos")).Single();
                Assert.True(File.Exists(Path.Combine(video, "hls", "master.m3u8")));
                Assert.True(File.Exists(Path.Combine(video, "download.mp4")));
                Assert.False(Directory.Exists(Path.Combine(video, "attempts")));
                foreach (var playlist in Directory.GetFiles(Path.Combine(video, "hls"), "index.m3u8", SearchOption.AllDirectories))
                {
                    var segments = File.ReadAllLines(playlist).Where(l => l.EndsWith(".ts", StringComparison.Ordinal)).ToList();
                    Assert.NotEmpty(segments);
                    Assert.All(segments, s => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(playlist)!, s)), playlist + ": " + s));
                }
            }
            finally
            {
                second.Kill();
                second.WaitForExit();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string? Query(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>ffmpeg processes on this machine whose command line names a path under <paramref name="folder"/>.</summary>
    private static Task<List<int>> FFmpegWriting(string folder)
    {
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), out var pid))
            {
                continue;
            }

            try
            {
                var argv = File.ReadAllText(Path.Combine(entry, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                if (argv.Length > 0 && Path.GetFileName(argv[0]) == "ffmpeg" && argv.Any(a => a.StartsWith(folder, StringComparison.Ordinal)))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return Task.FromResult(found);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        var value = await read();
        while (!done(value) && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
