using System.Security.Cryptography;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Learning.Data;
using Learning.Data.Jobs;
using Learning.Media.Data;
using Learning.Media.Jobs;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Media.Services;

/// <summary>
/// Resumable uploads: a file is announced with its size, then sent in chunks at explicit offsets. Each chunk is streamed from the
/// request to the end of the part file, never held in memory. A dropped connection resumes from the bytes on disk. When the last
/// chunk lands the file is probed by its content; a video becomes a <see cref="Video"/> with a queued transcoding job, anything else
/// is deleted and the uploader told why.
/// </summary>
public sealed class UploadService(LearningDbContext db, MediaStorage storage, IJobQueue jobs, IAuditTrail audit, IOptions<MediaOptions> options, IOptions<StorageOptions> storageOptions, TimeProvider clock, ILogger<UploadService> logger)
{
    private static readonly SemaphoreSlim[] Locks = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<(UploadError Error, UploadState? State)> StartAsync(string userId, string fileName, long totalBytes, string? title, CancellationToken cancellationToken = default)
    {
        if (totalBytes <= 0)
        {
            return (UploadError.Empty, null);
        }

        if (totalBytes > options.Value.MaxUploadBytes)
        {
            return (UploadError.TooLarge, null);
        }

        var upload = NewUpload(userId, fileName, totalBytes, title);

        // Room for the whole file, above the reserve the health check keeps: refused now rather than at 90%.
        if (FreeBytes() is { } free && free - totalBytes < MinimumFreeBytes())
        {
            logger.LogError("Upload of {Bytes} bytes refused: the media disk has {Free} bytes free", totalBytes, free);
            return (UploadError.StorageFull, null);
        }

        // The file first, then its row: a disk that refuses leaves neither.
        var part = storage.PartPath(upload.Id);
        try
        {
            await File.WriteAllBytesAsync(part, [], cancellationToken);
        }
        catch (Exception ex) when (StorageProblem(ex) is { } problem)
        {
            logger.LogError(ex, "Upload refused: the media folder {Folder} cannot be written", storage.UploadsFolder);
            return (problem, null);
        }

        try
        {
            db.Add(upload);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            File.Delete(part);
            throw;
        }

        return (UploadError.None, new UploadState(upload.Id, upload.FileName, totalBytes, 0));
    }

    /// <summary>The upload's row: the file's own name (its last 200 characters), and the title given or else the file's name.</summary>
    private Upload NewUpload(string userId, string fileName, long totalBytes, string? title)
    {
        var name = Path.GetFileName(fileName ?? "").Trim();
        var upload = new Upload
        {
            Id = NewId(),
            UserId = userId,
            FileName = name.Length > 200 ? name[^200..] : name.Length == 0 ? "video" : name,
            TotalBytes = totalBytes,
            Title = string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(name) : title.Trim(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        if (upload.Title.Length > 300)
        {
            upload.Title = upload.Title[..300];
        }

        return upload;
    }

    public async Task<UploadState?> FindAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        var upload = await db.Set<Upload>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.UserId == userId, cancellationToken);
        if (upload is null)
        {
            return null;
        }

        return new UploadState(upload.Id, upload.FileName, upload.TotalBytes, CurrentLength(id));
    }

    /// <summary>Appends a chunk at <paramref name="offset"/>, which must be the bytes received so far.</summary>
    public async Task<ChunkResult> AppendAsync(string userId, string id, long offset, Stream body, long? length, CancellationToken cancellationToken = default)
    {
        var upload = await db.Set<Upload>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.UserId == userId, cancellationToken);
        if (upload is null)
        {
            return new ChunkResult(UploadError.NotFound, 0);
        }

        if (length > options.Value.ChunkBytes)
        {
            return new ChunkResult(UploadError.ChunkTooLarge, CurrentLength(id));
        }

        var gate = Locks[(uint)id.GetHashCode(StringComparison.Ordinal) % Locks.Length];
        await gate.WaitAsync(cancellationToken);
        ChunkResult written;
        try
        {
            written = await WriteChunkAsync(upload, offset, body, cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        if (written.Error != UploadError.None || written.ReceivedBytes < upload.TotalBytes)
        {
            return written;
        }

        return await CompleteAsync(upload, cancellationToken);
    }

    /// <summary>Writes one chunk to the end of the part file, under the upload's lock; the result carries the bytes now received.</summary>
    private async Task<ChunkResult> WriteChunkAsync(Upload upload, long offset, Stream body, CancellationToken cancellationToken)
    {
        var path = storage.PartPath(upload.Id);
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        if (file.Length != offset)
        {
            return new ChunkResult(UploadError.OffsetMismatch, file.Length);
        }

        file.Seek(offset, SeekOrigin.Begin);
        try
        {
            if (!await CopyAtMostAsync(body, file, Math.Min(options.Value.ChunkBytes, upload.TotalBytes - offset), cancellationToken))
            {
                return new ChunkResult(UploadError.ChunkTooLarge, file.Length);
            }

            await file.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageProblem(ex) is { } problem)
        {
            // The disk refused (full, read-only): the chunk is all or nothing, so the file goes back to where it began
            // and the uploader resumes from there once the disk has room.
            logger.LogError("Upload {Id}: the media disk refused a chunk at {Offset} ({Message})", upload.Id, offset, ex.Message);
            try
            {
                file.SetLength(offset);
            }
            catch (IOException)
            {
                // the file keeps a partial chunk; the client asks for the length and resumes from it
            }

            return new ChunkResult(problem, Math.Min(offset, new FileInfo(path).Length));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The connection dropped mid-chunk: what arrived is kept, and the client resumes from it.
            await file.FlushAsync(CancellationToken.None);
            logger.LogInformation("Upload {Id} interrupted at {Bytes} bytes", upload.Id, file.Length);
            throw;
        }

        await file.FlushAsync(cancellationToken);
        return new ChunkResult(UploadError.None, file.Length);
    }

    /// <summary>
    /// Streams the request body into the file. More than <paramref name="remaining"/> bytes (past the announced size or one
    /// chunk): what fits is kept and the rest refused (false).
    /// </summary>
    private static async Task<bool> CopyAtMostAsync(Stream body, FileStream file, long remaining, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining + 1)), cancellationToken)) > 0)
        {
            if (read > remaining)
            {
                await file.WriteAsync(buffer.AsMemory(0, (int)remaining), cancellationToken);
                await file.FlushAsync(cancellationToken);
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            remaining -= read;
        }

        return true;
    }

    /// <summary>The reserve the storage health check keeps (<c>Learning:Storage:MinFreeMegabytes</c>): an upload may not eat into it.</summary>
    private long MinimumFreeBytes() => storageOptions.Value.MinFreeMegabytes * 1024L * 1024L;

    private long? FreeBytes()
    {
        try
        {
            return new DriveInfo(storage.Root).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A disk-side failure (as opposed to a dropped connection): ENOSPC/EDQUOT is full, EACCES/EROFS unwritable.</summary>
    private static UploadError? StorageProblem(Exception ex) => ex switch
    {
        UnauthorizedAccessException => UploadError.StorageUnavailable,
        IOException { HResult: 28 or 122 } => UploadError.StorageFull, // ENOSPC, EDQUOT
        IOException { HResult: 30 } => UploadError.StorageUnavailable, // EROFS
        _ => null,
    };

    private long CurrentLength(string id)
    {
        var part = new FileInfo(storage.PartPath(id));
        return part.Exists ? part.Length : 0;
    }

    private async Task<ChunkResult> CompleteAsync(Upload upload, CancellationToken cancellationToken)
    {
        var part = storage.PartPath(upload.Id);
        var probe = await ProbeAsync(part, options.Value, cancellationToken);
        if (!probe.IsVideo)
        {
            File.Delete(part);
            await db.Set<Upload>().Where(u => u.Id == upload.Id).ExecuteDeleteAsync(cancellationToken);
            audit.Record("media.upload.rejected", upload.FileName, probe.Problem);
            await db.SaveChangesAsync(cancellationToken);
            return new ChunkResult(UploadError.NotVideo, 0, null, probe.Problem);
        }

        var video = await CreateVideoAsync(part, upload.FileName, upload.Title, upload.UserId, upload.TotalBytes, probe, move: true, cancellationToken);
        await db.Set<Upload>().Where(u => u.Id == upload.Id).ExecuteDeleteAsync(cancellationToken);
        return new ChunkResult(UploadError.None, upload.TotalBytes, video.PublicId);
    }

    /// <summary>
    /// Stores a probed video file under a new video and queues its transcoding. Used by uploads and by the recipe step. The file
    /// goes to staging; the transcode job, which runs only once the row is committed, moves it into place.
    /// </summary>
    public async Task<Video> CreateVideoAsync(string file, string fileName, string title, string userId, long bytes, ProbeResult probe, bool move, CancellationToken cancellationToken)
    {
        var publicId = NewId();
        var extension = Path.GetExtension(fileName).ToLowerInvariant() is { Length: > 1 and <= 6 } ext && ext.Skip(1).All(char.IsAsciiLetterOrDigit) ? ext : ".bin";
        var source = MediaStorage.Inside(storage.CreateStaged(publicId), "source" + extension);
        if (move)
        {
            File.Move(file, source);
        }
        else
        {
            File.Copy(file, source);
        }

        var video = new Video
        {
            PublicId = publicId,
            Title = title,
            SearchText = SearchText.Fold(title),
            State = VideoState.Processing,
            SourceFileName = fileName,
            SourceExtension = extension,
            SourceBytes = bytes,
            DurationSeconds = Math.Round(probe.DurationSeconds, 3),
            Width = probe.Width,
            Height = probe.Height,
            HasAudio = probe.HasAudio,
            CreatedBy = userId,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(video);
        audit.Record("media.video.uploaded", publicId, $"{fileName} ({bytes} bytes, {probe.Width}x{probe.Height}, {probe.DurationSeconds:0.#} s)");
        await db.SaveChangesAsync(cancellationToken);
        video.JobId = await jobs.EnqueueAsync(TranscodeJob.JobKind, new TranscodeJob.Payload(video.Id), maxAttempts: 3, createdBy: userId, cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return video;
    }

    /// <summary>Asks ffprobe what the file is. Only a container on the allowed list, with a video stream and a duration, is a video.</summary>
    public static async Task<ProbeResult> ProbeAsync(string path, MediaOptions options, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return new ProbeResult(false, 0, 0, 0, false, "", "empty");
        }

        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
            var formats = (analysis.Format.FormatName ?? "").Split(',');
            var video = analysis.PrimaryVideoStream;
            if (!formats.Any(f => options.AllowedFormats.Contains(f, StringComparer.OrdinalIgnoreCase)))
            {
                return new ProbeResult(false, 0, 0, 0, false, analysis.Format.FormatName ?? "", "format " + analysis.Format.FormatName);
            }

            if (video is null || (video.Width ?? 0) <= 0 || (video.Height ?? 0) <= 0)
            {
                return new ProbeResult(false, 0, 0, 0, false, analysis.Format.FormatName ?? "", "no video stream");
            }

            var duration = analysis.Duration.TotalSeconds;
            if (duration <= 0.1)
            {
                return new ProbeResult(false, 0, 0, 0, false, analysis.Format.FormatName ?? "", "no duration");
            }

            return new ProbeResult(true, duration, video.Width ?? 0, video.Height ?? 0, analysis.PrimaryAudioStream is not null, analysis.Format.FormatName ?? "", null);
        }
        catch (FFMpegException ex)
        {
            return new ProbeResult(false, 0, 0, 0, false, "", LastLines(ex.Message));
        }
    }

    internal static string LastLines(string message) =>
        string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3)) is { Length: > 0 } text
            ? text.Length > 500 ? text[^500..] : text
            : "ffprobe failed";

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
