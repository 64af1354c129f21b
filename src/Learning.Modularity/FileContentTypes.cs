using System.Collections.Frozen;

namespace Learning.Modularity;

/// <summary>
/// The one allow-list of content types the platform serves files as, by extension (lesson files, images, video renditions,
/// captions). Anything else is served as <c>application/octet-stream</c>, so a browser never sniffs it into HTML or script.
/// </summary>
public static class FileContentTypes
{
    public const string Binary = "application/octet-stream";

    private static readonly FrozenDictionary<string, string> ByExtension = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".m3u8"] = "application/vnd.apple.mpegurl",
        [".ts"] = "video/mp2t",
        [".m4s"] = "video/iso.segment",
        [".mp4"] = "video/mp4",
        [".vtt"] = "text/vtt; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The content type of a file by its name's extension; <see cref="Binary"/> when it is not on the list.</summary>
    public static string Of(string fileName) => ByExtension.GetValueOrDefault(Path.GetExtension(fileName), Binary);

    public static bool IsImage(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal);
}
