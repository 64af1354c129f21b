namespace Learning.Media;

/// <summary><c>Learning:Media</c>.</summary>
public sealed class MediaOptions
{
    public const string Section = "Learning:Media";

    /// <summary>Where uploads and renditions live; a shared path when several web nodes run. Default: App_Data/media.</summary>
    public string? StoragePath { get; set; }

    /// <summary>Largest video a trainer may upload.</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Largest chunk of a resumable upload; the browser sends chunks of this size.</summary>
    public int ChunkBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Containers accepted after probing (ffprobe's format names, any of which may match).</summary>
    public string[] AllowedFormats { get; set; } = ["mov", "mp4", "matroska", "webm", "avi", "mpegts", "mpeg", "flv", "3gp"];

    /// <summary>Share of the duration that must be watched, in unique seconds, to complete a video lesson.</summary>
    public double CompletionThreshold { get; set; } = 0.9;

    /// <summary>How long a playback token (segment access and heartbeats) stays valid.</summary>
    public int TokenHours { get; set; } = 8;

    /// <summary>Folder holding ffmpeg and ffprobe; empty means PATH.</summary>
    public string? FFmpegFolder { get; set; }

    /// <summary>libx264 preset for the ladder: faster presets trade size for speed.</summary>
    public string Preset { get; set; } = "superfast";

    /// <summary>An upload not finished within this many hours is removed with its part file.</summary>
    public int StaleUploadHours { get; set; } = 48;

    /// <summary>A file or folder on the media disk that no row owns is removed by the sweep once older than this.</summary>
    public int OrphanGraceHours { get; set; } = 6;

    /// <summary>Seconds between thumbnails in the scrubbing sprite.</summary>
    public int ThumbnailSeconds { get; set; } = 10;
}
