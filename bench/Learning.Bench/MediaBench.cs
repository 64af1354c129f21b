using System.Diagnostics;
using System.Globalization;
using FFMpegCore;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Media;
using Learning.Media.Data;
using Learning.Media.Jobs;
using Learning.Media.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Bench;

/// <summary>The media figures: the ladder through our wrapper against the same ffmpeg command run directly, and inputs for wrk.</summary>
public static class MediaBench
{
    /// <summary>
    /// Runs the ladder <paramref name="runs"/> times each way, alternating, and prints wall times:
    /// <c>direct</c> is ffmpeg started by hand with the exact argument string the wrapper builds; <c>wrapped</c> is the job's path
    /// (FFMpegCore, progress callbacks) for the same ladder; <c>pipeline</c> adds the remuxed download, poster and thumbnails.
    /// </summary>
    public static async Task TranscodeAsync(string source, string preset, int runs)
    {
        var probe = await UploadService.ProbeAsync(source, new MediaOptions(), CancellationToken.None);
        var plan = TranscodePlan.For(probe.Height, probe.HasAudio);
        var work = Directory.CreateTempSubdirectory("learning-transcode-").FullName;
        Console.WriteLine("both run: ffmpeg " + Processor(source, Path.Combine(work, "wrapped"), plan, probe, preset, _ => { }).Arguments);
        var direct = new List<double>();
        var wrapped = new List<double>();
        var pipeline = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            // Alternate which goes first, so drift on a shared machine falls on both sides alike.
            if (run % 2 == 1)
            {
                wrapped.Add(await WrappedAsync(source, Prepare(work, "wrapped", plan), plan, probe, preset));
                direct.Add(await DirectAsync(source, Prepare(work, "direct", plan), plan, probe, preset));
            }
            else
            {
                direct.Add(await DirectAsync(source, Prepare(work, "direct", plan), plan, probe, preset));
                wrapped.Add(await WrappedAsync(source, Prepare(work, "wrapped", plan), plan, probe, preset));
            }

            var finish = Stopwatch.StartNew();
            await TranscodeJob.FinishAsync(source, Path.Combine(work, "wrapped"), plan, probe.DurationSeconds, 10, p => p.ProcessAsynchronously());
            pipeline.Add(wrapped[^1] + finish.Elapsed.TotalSeconds);
            Console.WriteLine(FormattableString.Invariant($"run {run + 1}: direct {direct[^1]:0.00} s, wrapped {wrapped[^1]:0.00} s, pipeline {pipeline[^1]:0.00} s"));
        }

        Directory.Delete(work, recursive: true);
        var d = Median(direct);
        var w = Median(wrapped);
        var p = Median(pipeline);
        var paired = Median(direct.Zip(wrapped, (a, b) => b / a).ToList());
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT preset={preset} source={probe.Width}x{probe.Height} duration_s={probe.DurationSeconds:0.0} renditions={string.Join(',', plan.Names)} direct_s={d:0.00} wrapped_s={w:0.00} overhead_pct={(w / d - 1) * 100:0.0} paired_overhead_pct={(paired - 1) * 100:0.0} pipeline_s={p:0.00} realtime_x={probe.DurationSeconds / p:0.00}"));
    }

    /// <summary>ffmpeg started by hand with the very argument string the wrapper builds (progress pipe included), output drained.</summary>
    private static async Task<double> DirectAsync(string source, string folder, TranscodePlan plan, ProbeResult probe, string preset)
    {
        var arguments = Processor(source, folder, plan, probe, preset, _ => { }).Arguments;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await output;
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException(error);
    }

    /// <summary>The job's path: FFMpegCore with the same percentage-progress callback the job uses.</summary>
    private static async Task<double> WrappedAsync(string source, string folder, TranscodePlan plan, ProbeResult probe, string preset)
    {
        var last = 0.0;
        var watch = Stopwatch.StartNew();
        await Processor(source, folder, plan, probe, preset, p => last = p).ProcessAsynchronously();
        return last >= 99 ? watch.Elapsed.TotalSeconds : throw new InvalidOperationException($"progress stopped at {last:0}%");
    }

    private static FFMpegArgumentProcessor Processor(string source, string folder, TranscodePlan plan, ProbeResult probe, string preset, Action<double> progress) =>
        TranscodeJob.Ladder(source, folder, plan, probe.Height, preset).NotifyOnPercentageProgress(progress, TimeSpan.FromSeconds(probe.DurationSeconds));

    private static string Prepare(string work, string name, TranscodePlan plan)
    {
        var folder = Path.Combine(work, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var rendition in plan.Names)
        {
            Directory.CreateDirectory(Path.Combine(folder, "hls", rendition));
        }

        return folder;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>
    /// A ready 10-minute video and, per bench cadre, a line <c>cookie|watchToken</c>. The tokens are issued an hour ago, so the
    /// watch budget never limits the benchmark: every heartbeat does the full read, merge and write.
    /// </summary>
    public static async Task WriteWatchSessionsAsync(IServiceProvider services, int count, string path)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.PublicId == "bench0000000000000000000");
        if (video is null)
        {
            video = new Video { PublicId = "bench0000000000000000000", Title = "Bench", State = VideoState.Ready, DurationSeconds = 600, Width = 1280, Height = 720, HasAudio = true, Renditions = "720p,480p,360p,240p,audio", CreatedUtc = DateTime.UtcNow };
            db.Add(video);
            await db.SaveChangesAsync();
        }

        var tokens = scope.ServiceProvider.GetRequiredService<MediaTokens>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<LearningUser>>();
        var cookie = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        signIn.Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var users = await db.Users.Where(u => u.Email!.StartsWith("bench")).OrderBy(u => u.Email).Take(count).ToListAsync();
        await using var writer = new StreamWriter(path);
        foreach (var user in users)
        {
            var watch = tokens.ForWatch(new WatchGrant(user.Id, video.Id, video.DurationSeconds, null, null, DateTime.UtcNow.AddHours(-1)));
            await writer.WriteLineAsync($"{await Sessions.CookieAsync(signIn, cookie, user)}|{watch}");
        }

        Console.WriteLine($"{users.Count} watch sessions written to {path}");
    }

    public static void PrintPlaybackToken(IServiceProvider services, string publicId) =>
        Console.WriteLine(services.GetRequiredService<MediaTokens>().ForPlayback(publicId));

    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
