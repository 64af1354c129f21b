using System.Globalization;

namespace Learning.Media.Services;

/// <summary>How the media pages and messages write a file's size and a moment in a video for people.</summary>
public static class MediaFormat
{
    /// <summary><c>12.5 MB</c>, or <c>1.2 GB</c> from a gigabyte on, in the viewer's culture.</summary>
    public static string Megabytes(long bytes) => bytes >= 1024L * 1024 * 1024
        ? (bytes / (1024.0 * 1024 * 1024)).ToString("#,0.#", CultureInfo.CurrentCulture) + " GB"
        : (bytes / (1024.0 * 1024)).ToString("#,0.#", CultureInfo.CurrentCulture) + " MB";

    /// <summary><c>m:ss</c>, or <c>h:mm:ss</c> from an hour on.</summary>
    public static string Clock(int ms) => ms >= 3_600_000
        ? TimeSpan.FromMilliseconds(ms).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : TimeSpan.FromMilliseconds(ms).ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
