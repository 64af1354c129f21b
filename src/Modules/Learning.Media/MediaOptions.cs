using System.ComponentModel.DataAnnotations;

namespace Learning.Media;

/// <summary><c>Learning:Media</c>.</summary>
public sealed class MediaOptions : IValidatableObject
{
    public const string Section = "Learning:Media";

    /// <summary>Where uploads and renditions live; a shared path when several web nodes run. Default: App_Data/media.</summary>
    public string? StoragePath { get; set; }

    /// <summary>Largest video a trainer may upload.</summary>
    [Range(typeof(long), "1048576", "1099511627776")]
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest chunk of a resumable upload; the browser sends chunks of this size (the proxy's body limit must allow one).</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int ChunkBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Containers accepted after probing (ffprobe's format names, any of which may match).</summary>
    [MinLength(1)]
    public string[] AllowedFormats { get; set; } = ["mov", "mp4", "matroska", "webm", "avi", "mpegts", "mpeg", "flv", "3gp"];

    /// <summary>Share of the duration that must be watched, in unique seconds, to complete a video lesson.</summary>
    [Range(0.1, 1.0)]
    public double CompletionThreshold { get; set; } = 0.9;

    /// <summary>How long a playback token (segment access and heartbeats) stays valid.</summary>
    [Range(1, 7 * 24)]
    public int TokenHours { get; set; } = 8;

    /// <summary>Folder holding ffmpeg and ffprobe; empty means PATH.</summary>
    public string? FFmpegFolder { get; set; }

    /// <summary>libx264 preset for the ladder: faster presets trade size for speed.</summary>
    [AllowedValues("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow")]
    public string Preset { get; set; } = "superfast";

    /// <summary>Sweep stale uploads and orphaned files hourly (a recurring job).</summary>
    public bool RemoveStaleUploads { get; set; } = true;

    /// <summary>An upload not finished within this many hours is removed with its part file.</summary>
    [Range(1, 365 * 24)]
    public int StaleUploadHours { get; set; } = 48;

    /// <summary>A file or folder on the media disk that no row owns is removed by the sweep once older than this.</summary>
    [Range(0, 365 * 24)]
    public int OrphanGraceHours { get; set; } = 6;

    /// <summary>Seconds between thumbnails in the scrubbing sprite.</summary>
    [Range(1, 3600)]
    public int ThumbnailSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(FFmpegFolder) && !Directory.Exists(FFmpegFolder))
        {
            yield return new ValidationResult($"no folder at '{FFmpegFolder}'.", [nameof(FFmpegFolder)]);
        }

        if (Array.FindIndex(AllowedFormats, string.IsNullOrWhiteSpace) is var blank and >= 0)
        {
            yield return new ValidationResult("an empty format name.", [$"{nameof(AllowedFormats)}:{blank}"]);
        }
    }
}
