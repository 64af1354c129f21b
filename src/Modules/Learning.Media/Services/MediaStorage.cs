using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// The media folder: <c>uploads/{id}.part</c> while a file arrives, then <c>videos/{publicId}/</c> holding the source, <c>hls/</c>
/// (master playlist and one folder per rendition), <c>download.mp4</c>, <c>poster.jpg</c>, <c>thumbs.jpg</c> and <c>captions/</c>.
/// A new video's files are first written to <c>staging/{publicId}/</c> and moved into <c>videos/</c> only once its row is committed
/// (by its transcode job, which runs only then): a recipe that rolls back, or a host killed mid-import, leaves its files in
/// staging, where the sweep removes what no row owns.
/// </summary>
public sealed partial class MediaStorage
{
    public MediaStorage(IOptions<MediaOptions> options, IHostEnvironment environment)
    {
        Root = Path.GetFullPath(options.Value.StoragePath is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, "App_Data", "media"));
        Directory.CreateDirectory(UploadsFolder);
        Directory.CreateDirectory(VideosFolder);
        Directory.CreateDirectory(StagingFolder);
    }

    public string Root { get; }

    public string UploadsFolder => Path.Combine(Root, "uploads");

    public string VideosFolder => Path.Combine(Root, "videos");

    public string StagingFolder => Path.Combine(Root, "staging");

    public string PartPath(string uploadId) => Path.Combine(UploadsFolder, uploadId + ".part");

    /// <summary>
    /// A video's folder: under <see cref="VideosFolder"/>, or under <see cref="StagingFolder"/> while the video is new and not yet
    /// promoted. Whatever a caller passes, the result is a folder directly under one of the two.
    /// </summary>
    public string VideoFolder(string publicId)
    {
        var final = Path.Combine(VideosFolder, IsPublicId(publicId) ? publicId : throw new ArgumentException("Not a video id.", nameof(publicId)));
        var staged = Path.Combine(StagingFolder, publicId);
        return !Directory.Exists(final) && Directory.Exists(staged) ? staged : final;
    }

    /// <summary>A folder in staging for a new video's files, until <see cref="Promote"/>.</summary>
    public string CreateStaged(string publicId) =>
        Directory.CreateDirectory(Path.Combine(StagingFolder, IsPublicId(publicId) ? publicId : throw new ArgumentException("Not a video id.", nameof(publicId)))).FullName;

    /// <summary>Moves a committed video's staged files into place (one rename); nothing to do if they are there already.</summary>
    public void Promote(string publicId)
    {
        var staged = Path.Combine(StagingFolder, publicId);
        var final = Path.Combine(VideosFolder, publicId);
        if (IsPublicId(publicId) && Directory.Exists(staged) && !Directory.Exists(final))
        {
            Directory.Move(staged, final);
        }
    }

    /// <summary>Removes a new video's staged files (its row was rolled back). Never touches a promoted folder.</summary>
    public void DiscardStaged(string publicId)
    {
        var staged = Path.Combine(StagingFolder, IsPublicId(publicId) ? publicId : throw new ArgumentException("Not a video id.", nameof(publicId)));
        if (Directory.Exists(staged))
        {
            Directory.Delete(staged, recursive: true);
        }
    }

    public string SourcePath(string publicId, string extension) => Inside(VideoFolder(publicId), "source" + extension);

    /// <summary>A caption file: the language must be a 2–3 letter code, and the path can only fall inside the video's folder.</summary>
    public string CaptionPath(string publicId, string language) =>
        LanguagePattern().IsMatch(language)
            ? Inside(VideoFolder(publicId), Path.Combine("captions", language + ".vtt"))
            : throw new ArgumentException("Not a caption language.", nameof(language));

    /// <summary>Joins <paramref name="relative"/> to <paramref name="folder"/> and refuses any result outside it.</summary>
    public static string Inside(string folder, string relative)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, relative));
        return path.StartsWith(root, StringComparison.Ordinal) ? path : throw new ArgumentException("Path outside the video's folder.", nameof(relative));
    }

    /// <summary>
    /// Maps a served path (<c>hls/360p/seg_001.ts</c>) inside a video's folder to a file, or null. Only the files the pipeline writes
    /// can be named: no dots in folders, no traversal, no source file.
    /// </summary>
    public string? ServedFile(string publicId, string relative)
    {
        if (!PublicIdPattern().IsMatch(publicId) || !ServedPattern().IsMatch(relative))
        {
            return null;
        }

        var path = Path.Combine(VideoFolder(publicId), relative);
        return File.Exists(path) ? path : null;
    }

    public static bool IsPublicId(string value) => PublicIdPattern().IsMatch(value);

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex("^[a-z0-9]{16,32}$")]
    private static partial Regex PublicIdPattern();

    [GeneratedRegex(@"^(hls/master\.m3u8|hls/[a-z0-9]{2,10}/(index\.m3u8|seg_\d{3,6}\.ts)|download\.mp4|poster\.jpg|thumbs\.jpg|captions/[a-z]{2,3}\.vtt)$")]
    private static partial Regex ServedPattern();
}
