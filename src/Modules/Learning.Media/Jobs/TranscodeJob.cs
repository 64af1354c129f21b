using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Media.Jobs;

/// <summary>
/// Turns an uploaded video into its HLS ladder, download MP4, poster and thumbnail sprite, on the persistent job queue. Each
/// attempt encodes into a folder of its own (<c>attempts/{job}-{attempt}</c>), and only the attempt that still holds the job's
/// lease moves its output into place, in the same transaction that marks the video Ready and the job done; so a worker that lost
/// its lease (a database blip, a slow node) can neither overwrite the output nor declare a half-written video Ready. An attempt
/// first stops any ffmpeg on this machine still writing for the video (a previous attempt of a killed host), and ffmpeg dies
/// with its host (<see cref="FFmpegRunner"/>). ffmpeg failing is reported with ffmpeg's own last words; a timeout
/// (Learning:Jobs:TimeoutSeconds) stops a hung ffmpeg.
/// </summary>
public sealed class TranscodeJob(LearningDbContext db, MediaStorage storage, FFmpegRunner ffmpeg, IOptions<MediaOptions> options, ILogger<TranscodeJob> logger) : IJobHandler
{
    public const string JobKind = "media.transcode";

    /// <summary>What the pipeline writes into a video's folder; each is moved into place from the attempt's folder.</summary>
    private static readonly string[] Outputs = ["hls", "download.mp4", "poster.jpg", "thumbs.jpg"];

    public sealed record Payload(int VideoId);

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var videoId = context.PayloadAs<Payload>().VideoId;
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == videoId, cancellationToken)
            ?? throw new PermanentJobException("The video was deleted.");
        storage.Promote(video.PublicId); // the row is committed (this job exists): its staged files move into place
        var folder = storage.VideoFolder(video.PublicId);
        var source = storage.SourcePath(video.PublicId, video.SourceExtension);
        if (!File.Exists(source))
        {
            throw new PermanentJobException("The source file is missing.");
        }

        var plan = TranscodePlan.For(video.Height, video.HasAudio);
        var work = await PrepareAttemptAsync(context, video.PublicId, folder, plan, cancellationToken);
        await context.ReportProgressAsync(1);
        await EncodeAsync(context, source, work, plan, video, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        await PublishAsync(context, videoId, work, folder, string.Join(',', plan.Names));
    }

    /// <summary>
    /// The attempt's own folder, <c>attempts/{job}-{attempt}</c>, ready for the plan's renditions. A previous attempt's ffmpeg
    /// may still run here (its host was killed before the parent-death signal existed, or the attempt lost its lease): it is
    /// stopped, and what earlier attempts left is cleared, before encoding again.
    /// </summary>
    private async Task<string> PrepareAttemptAsync(JobContext context, string publicId, string folder, TranscodePlan plan, CancellationToken cancellationToken)
    {
        var attempts = Path.Combine(folder, "attempts");
        var stopped = await FFmpegRunner.StopWritersAsync(folder, cancellationToken);
        if (stopped > 0)
        {
            logger.LogWarning("Video {Video}: stopped {Count} ffmpeg process(es) of an earlier attempt", publicId, stopped);
        }

        DeleteFolder(attempts);
        var work = Path.Combine(attempts, string.Create(CultureInfo.InvariantCulture, $"{context.Id}-{context.Attempt}"));
        foreach (var name in plan.Names)
        {
            Directory.CreateDirectory(Path.Combine(work, "hls", name));
        }

        return work;
    }

    /// <summary>The ladder (progress 1–91 %), then the download, poster and sprite; ffmpeg failing is reported in its own words.</summary>
    private async Task EncodeAsync(JobContext context, string source, string work, TranscodePlan plan, Video video, CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(video.DurationSeconds);
        var lastReported = 1;
        try
        {
            await ffmpeg.RunAsync(Ladder(source, work, plan, video.Height, options.Value.Preset)
                .NotifyOnPercentageProgress(percent =>
                {
                    var overall = 1 + (int)(percent * 0.9);
                    if (overall >= lastReported + 2)
                    {
                        lastReported = overall;
                        _ = context.ReportProgressAsync(overall);
                    }
                }, duration), cancellationToken);

            await context.ReportProgressAsync(92);
            await FinishAsync(source, work, plan, video.DurationSeconds, options.Value.ThumbnailSeconds, p => ffmpeg.RunAsync(p, cancellationToken));
        }
        catch (FFMpegProcessException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var said = string.Join(" ", ex.Result.StandardError.Where(l => l.Trim().Length > 0).TakeLast(4));
            throw new PermanentJobException("ffmpeg: " + (said.Length > 0 ? said : "exit code " + ex.Result.ExitCode.ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>
    /// Under the job's lease, in the transaction that completes it: the attempt's output moves into place and the video is Ready.
    /// A worker that lost its lease gets here no further.
    /// </summary>
    private Task PublishAsync(JobContext context, int videoId, string work, string folder, string renditions) =>
        context.CompleteAsync(db, async ct =>
        {
            PutInPlace(work, folder);
            DeleteFolder(Path.Combine(folder, "attempts")); // what was replaced, and any earlier attempt's leftovers: gone before the video shows Ready
            // A statement, not the entity loaded above: a retried completion runs on a cleared change tracker.
            var now = DateTime.UtcNow;
            await db.Set<Video>().Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Renditions, renditions)
                .SetProperty(v => v.State, VideoState.Ready)
                .SetProperty(v => v.Error, (string?)null)
                .SetProperty(v => v.ReadyUtc, now), ct);
        }, CancellationToken.None);

    /// <summary>
    /// Moves the attempt's output over the video's, under the job's row lock. Safe to run twice (a retried transaction): what
    /// was already moved is no longer in the attempt's folder.
    /// </summary>
    private static void PutInPlace(string work, string folder)
    {
        foreach (var name in Outputs)
        {
            var from = Path.Combine(work, name);
            var to = Path.Combine(folder, name);
            if (Directory.Exists(from))
            {
                if (Directory.Exists(to))
                {
                    Directory.Move(to, Path.Combine(work, "replaced-" + name));
                }

                Directory.Move(from, to);
            }
            else if (File.Exists(from))
            {
                File.Move(from, to, overwrite: true);
            }
        }
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>After the ladder: the 360p download remuxed from its rendition (no second encode), the poster and the thumbnail sprite.</summary>
    public static async Task FinishAsync(string source, string folder, TranscodePlan plan, double durationSeconds, int thumbnailSeconds, Func<FFMpegArgumentProcessor, Task> run)
    {
        await run(FFMpegArguments
            .FromFileInput(Path.Combine(folder, "hls", plan.DownloadRendition.Name, "index.m3u8"))
            .OutputToFile(Path.Combine(folder, "download.mp4"), overwrite: true, o => o.WithCustomArgument("-c copy -bsf:a aac_adtstoasc -movflags +faststart")));

        await run(FFMpegArguments
            .FromFileInput(source, options => options.WithCustomArgument(FormattableString.Invariant($"-ss {Math.Min(durationSeconds * 0.1, 5):0.###}")))
            .OutputToFile(Path.Combine(folder, "poster.jpg"), overwrite: true, o => o.WithCustomArgument(FormattableString.Invariant($"-frames:v 1 -vf scale=-2:{Math.Min(720, plan.Renditions[0].Height)} -q:v 4"))));

        // A sprite of at most 200 thumbnails, ten to a row, for previews while scrubbing.
        var interval = Math.Max(thumbnailSeconds, (int)Math.Ceiling(durationSeconds / 200));
        var count = Math.Max(1, (int)Math.Ceiling(durationSeconds / interval));
        var rows = (int)Math.Ceiling(count / 10.0);
        await run(FFMpegArguments
            .FromFileInput(Path.Combine(folder, "download.mp4"))
            .OutputToFile(Path.Combine(folder, "thumbs.jpg"), overwrite: true, o => o.WithCustomArgument(
                FormattableString.Invariant($"-vf fps=1/{interval},scale=160:-2,tile=10x{rows} -frames:v 1 -q:v 5"))));
    }

    /// <summary>The ladder command; the benchmark runs the same arguments through ffmpeg directly to measure this wrapper's cost.</summary>
    public static FFMpegArgumentProcessor Ladder(string source, string folder, TranscodePlan plan, int sourceHeight, string preset) =>
        FFMpegArguments
            .FromFileInput(source)
            .OutputToFile(TranscodePlan.HlsOutput(folder), overwrite: true, o => o.WithCustomArgument(plan.OutputArguments(folder, preset, sourceHeight)));
}
