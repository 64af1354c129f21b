using System.Collections.Concurrent;
using System.Globalization;
using FFMpegCore;
using Learning.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// Runs ffmpeg so that it never outlives the host. On Linux every ffmpeg is started through <c>setpriv --pdeathsig KILL</c>
/// (util-linux), so the kernel kills it the moment its parent dies, SIGKILL included. The kernel's "parent" is the thread that
/// forked, and .NET retires idle pool threads, so all starts happen on one thread that lives as long as the process; FFMpegCore
/// starts the process before its first await, on the calling thread. Also finds ffmpeg processes still writing into a folder
/// (a previous attempt of the same job on this machine) so a new attempt stops them first.
/// </summary>
public sealed class FFmpegRunner : IDisposable
{
    private readonly BlockingCollection<Action> starts = [];
    private readonly FFOptions? supervised;
    private readonly string? wrapperFolder;

    public FFmpegRunner(IOptions<MediaOptions> options, ILogger<FFmpegRunner> logger)
    {
        var real = FindFFmpeg(options.Value.FFmpegFolder);
        if (OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv") && real is not null)
        {
            wrapperFolder = Directory.CreateTempSubdirectory(WrapperPrefix).FullName;
            File.WriteAllText(Path.Combine(wrapperFolder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var swept = SweepOrphanedWrappers(Path.GetDirectoryName(wrapperFolder)!);
            if (swept > 0)
            {
                logger.LogInformation("Removed {Count} ffmpeg wrapper folders left by hosts that were killed", swept);
            }

            var script = Path.Combine(wrapperFolder, "ffmpeg");
            File.WriteAllText(script, $"#!/bin/sh\n# ffmpeg that dies with the Learning host (parent-death signal)\nexec /usr/bin/setpriv --pdeathsig KILL '{real.Replace("'", "'\\''", StringComparison.Ordinal)}' \"$@\"\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            supervised = GlobalFFOptions.Current.Clone();
            supervised.BinaryFolder = wrapperFolder;
        }
        else
        {
            logger.LogWarning("ffmpeg runs unsupervised (no setpriv or no ffmpeg found): a host killed mid-transcode may leave ffmpeg running");
        }

        var launcher = new Thread(() =>
        {
            foreach (var start in starts.GetConsumingEnumerable())
            {
                start();
            }
        })
        { IsBackground = true, Name = "ffmpeg launcher" };
        launcher.Start();
    }

    private const string WrapperPrefix = "learning-ffmpeg-";
    private const string OwnerFile = "host.pid";

    // A folder that says nothing is being made right now, or was made by an older build: left alone for a day.
    private static readonly TimeSpan UnclaimedAge = TimeSpan.FromDays(1);

    public bool Supervised => supervised is not null;

    /// <summary>
    /// Deletes the wrapper folders in <paramref name="tempFolder"/> whose host is gone: a host killed with SIGKILL never runs
    /// <see cref="Dispose"/>. A folder says which process made it; one whose process still runs (another host on this machine)
    /// is left alone, as is one that says nothing and is less than a day old (being made, or an older build's); the sticky
    /// temp folder refuses to let one user delete another's.
    /// </summary>
    public static int SweepOrphanedWrappers(string tempFolder)
    {
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(tempFolder, WrapperPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(folder, OwnerFile);
                if (File.Exists(owner)
                    ? !int.TryParse(File.ReadAllText(owner), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId || LocalProcesses.IsRunning(pid)
                    : Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow - UnclaimedAge)
                {
                    continue;
                }

                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // not ours, or gone meanwhile: leave it
            }
        }

        return removed;
    }

    /// <summary>Runs the command; cancelling stops ffmpeg (FFMpegCore asks it to quit, then kills it).</summary>
    public Task RunAsync(FFMpegArgumentProcessor processor, CancellationToken cancellationToken)
    {
        if (supervised is null)
        {
            return processor.ProcessAsynchronously(true, null, cancellationToken);
        }

        var started = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        starts.Add(() =>
        {
            try
            {
                started.SetResult(processor.ProcessAsynchronously(true, supervised, cancellationToken));
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }, CancellationToken.None);
        return started.Task.Unwrap();
    }

    /// <summary>
    /// Kills every ffmpeg on this machine whose command line names a path under <paramref name="folder"/>, and waits until they
    /// are gone. Returns how many there were.
    /// </summary>
    public static async Task<int> StopWritersAsync(string folder, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var found = new List<int>();
        foreach (var entry in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] argv;
            try
            {
                argv = (await File.ReadAllTextAsync(Path.Combine(entry, "cmdline"), cancellationToken)).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (argv.Length > 0 && Path.GetFileName(argv[0]) == "ffmpeg" && argv.Any(a => a.StartsWith(prefix, StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        foreach (var pid in found)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (ArgumentException)
            {
                // already gone
            }
            catch (InvalidOperationException)
            {
                // exited between the scan and the kill
            }
        }

        return found.Count;
    }

    public void Dispose()
    {
        starts.CompleteAdding();
        if (wrapperFolder is not null)
        {
            try
            {
                Directory.Delete(wrapperFolder, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder; harmless if left
            }
        }
    }

    private static string? FindFFmpeg(string? folder)
    {
        if (folder is { Length: > 0 })
        {
            var configured = Path.GetFullPath(Path.Combine(folder, "ffmpeg"));
            return File.Exists(configured) ? configured : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "ffmpeg")).FirstOrDefault(File.Exists);
    }
}
