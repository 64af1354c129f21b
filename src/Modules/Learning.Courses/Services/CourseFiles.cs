using Learning.Modularity;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Learning.Courses.Services;

/// <summary>Stored lesson files and images, named by content hash (the same file imported twice is stored once).
/// Types are recognised by their first bytes, never by the file name.</summary>
public sealed class CourseFiles(IOptions<CoursesOptions> options, IHostEnvironment environment)
{
    private static readonly (string Type, string Extension, byte[] Magic)[] Signatures =
    [
        ("application/pdf", ".pdf", "%PDF-"u8.ToArray()),
        ("image/png", ".png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", ".jpg", [0xFF, 0xD8, 0xFF]),
        ("image/gif", ".gif", "GIF8"u8.ToArray()),
        ("image/webp", ".webp", "RIFF"u8.ToArray()),
        ("application/zip", ".zip", [0x50, 0x4B, 0x03, 0x04]),
    ];

    public string Root => options.Value.FilesPath is { Length: > 0 } path ? path : Path.Combine(environment.ContentRootPath, "App_Data", "course-files");

    public static (string ContentType, string Extension)? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var (type, extension, magic) in Signatures)
        {
            if (head.StartsWith(magic))
            {
                if (type == "image/webp" && (head.Length < 12 || !head[8..12].SequenceEqual("WEBP"u8)))
                {
                    continue;
                }

                if (type == "application/zip")
                {
                    // Office documents are zip files; the name tells which, the content tells that it is one.
                    return ("application/zip", extension);
                }

                return (type, extension);
            }
        }

        return null;
    }


    /// <summary>Stores the stream if its content is an allowed type; returns the stored name, or null when the type is refused.</summary>
    public async Task<(string StoredName, string ContentType)?> StoreAsync(Stream content, string originalName, bool imagesOnly, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, "upload-" + Guid.NewGuid().ToString("N"));
        try
        {
            string hash;
            await using (var file = File.Create(temp))
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                long total = 0;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > options.Value.MaxFileBytes)
                    {
                        return null;
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            var head = new byte[16];
            await using (var check = File.OpenRead(temp))
            {
                _ = await check.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            }

            var detected = Detect(head);
            if (detected is null || (imagesOnly && !FileContentTypes.IsImage(detected.Value.ContentType)))
            {
                return null;
            }

            var extension = detected.Value.ContentType == "application/zip"
                ? Path.GetExtension(originalName).ToLowerInvariant() is ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" ? Path.GetExtension(originalName).ToLowerInvariant() : ".zip"
                : detected.Value.Extension;
            var stored = hash[..32] + extension;
            var target = Path.Combine(Root, stored);
            if (!File.Exists(target))
            {
                File.Move(temp, target);
            }

            return (stored, FileContentTypes.Of(stored));
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public string? PathOf(string storedName)
    {
        if (storedName.Contains('/', StringComparison.Ordinal) || storedName.Contains('\\', StringComparison.Ordinal) || storedName.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(Root, storedName);
        return File.Exists(path) ? path : null;
    }

}
