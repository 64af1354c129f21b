using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// Turns an uploaded video into its HLS ladder, download MP4, poster and thumbnail sprite, on the persistent job queue. A restart
/// mid-way loses nothing but time: the job's lease runs out and it starts again from the source. ffmpeg failing is reported with
/// ffmpeg's own last words; a timeout (Learning:Jobs:TimeoutSeconds) stops a hung ffmpeg.
/// </summary>
public sealed class TranscodeJob(LearningDbContext db, MediaStorage storage, IOptions<MediaOptions> options) : IJobHandler
{
    public const string JobKind = "media.transcode";

    public sealed record Payload(int VideoId);

    public string Kind => JobKind;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        var videoId = context.PayloadAs<Payload>().VideoId;
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == videoId, cancellationToken)
            ?? throw new PermanentJobException("The video was deleted.");
        var folder = storage.VideoFolder(video.PublicId);
        var source = storage.SourcePath(video.PublicId, video.SourceExtension);
        if (!File.Exists(source))
        {
            throw new PermanentJobException("The source file is missing.");
        }

        var plan = TranscodePlan.For(video.Height, video.HasAudio);
        var hls = Path.Combine(folder, "hls");
        if (Directory.Exists(hls))
        {
            Directory.Delete(hls, recursive: true);
        }

        foreach (var name in plan.Names)
        {
            Directory.CreateDirectory(Path.Combine(hls, name));
        }

        await context.ReportProgressAsync(1);
        var duration = TimeSpan.FromSeconds(video.DurationSeconds);
        var lastReported = 1;
        try
        {
            await Ladder(source, folder, plan, video.Height, options.Value.Preset)
                .NotifyOnPercentageProgress(percent =>
                {
                    var overall = 1 + (int)(percent * 0.9);
                    if (overall >= lastReported + 2)
                    {
                        lastReported = overall;
                        _ = context.ReportProgressAsync(overall);
                    }
                }, duration)
                .ProcessAsynchronously(cancellationToken: cancellationToken);

            await context.ReportProgressAsync(92);
            await FinishAsync(source, folder, plan, video.DurationSeconds, options.Value.ThumbnailSeconds, cancellationToken);
        }
        catch (FFMpegProcessException ex)
        {
            var said = string.Join(" ", ex.Result.StandardError.Where(l => l.Trim().Length > 0).TakeLast(4));
            throw new PermanentJobException("ffmpeg: " + (said.Length > 0 ? said : "exit code " + ex.Result.ExitCode.ToString(CultureInfo.InvariantCulture)));
        }

        video.Renditions = string.Join(',', plan.Names);
        video.State = VideoState.Ready;
        video.Error = null;
        video.ReadyUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>After the ladder: the 360p download remuxed from its rendition (no second encode), the poster and the thumbnail sprite.</summary>
    public static async Task FinishAsync(string source, string folder, TranscodePlan plan, double durationSeconds, int thumbnailSeconds, CancellationToken cancellationToken)
    {
        await FFMpegArguments
            .FromFileInput(Path.Combine(folder, "hls", plan.DownloadRendition.Name, "index.m3u8"))
            .OutputToFile(Path.Combine(folder, "download.mp4"), overwrite: true, o => o.WithCustomArgument("-c copy -bsf:a aac_adtstoasc -movflags +faststart"))
            .ProcessAsynchronously(cancellationToken: cancellationToken);

        await FFMpegArguments
            .FromFileInput(source, options => options.WithCustomArgument(FormattableString.Invariant($"-ss {Math.Min(durationSeconds * 0.1, 5):0.###}")))
            .OutputToFile(Path.Combine(folder, "poster.jpg"), overwrite: true, o => o.WithCustomArgument(FormattableString.Invariant($"-frames:v 1 -vf scale=-2:{Math.Min(720, plan.Renditions[0].Height)} -q:v 4")))
            .ProcessAsynchronously(cancellationToken: cancellationToken);

        // A sprite of at most 200 thumbnails, ten to a row, for previews while scrubbing.
        var interval = Math.Max(thumbnailSeconds, (int)Math.Ceiling(durationSeconds / 200));
        var count = Math.Max(1, (int)Math.Ceiling(durationSeconds / interval));
        var rows = (int)Math.Ceiling(count / 10.0);
        await FFMpegArguments
            .FromFileInput(Path.Combine(folder, "download.mp4"))
            .OutputToFile(Path.Combine(folder, "thumbs.jpg"), overwrite: true, o => o.WithCustomArgument(
                FormattableString.Invariant($"-vf fps=1/{interval},scale=160:-2,tile=10x{rows} -frames:v 1 -q:v 5")))
            .ProcessAsynchronously(cancellationToken: cancellationToken);
    }

    /// <summary>The ladder command; the benchmark runs the same arguments through ffmpeg directly to measure this wrapper's cost.</summary>
    public static FFMpegArgumentProcessor Ladder(string source, string folder, TranscodePlan plan, int sourceHeight, string preset) =>
        FFMpegArguments
            .FromFileInput(source)
            .OutputToFile(TranscodePlan.HlsOutput(folder), overwrite: true, o => o.WithCustomArgument(plan.OutputArguments(folder, preset, sourceHeight)));
}
