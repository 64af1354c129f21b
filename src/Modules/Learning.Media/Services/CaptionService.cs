using System.Text;
using Learning.Data;
using Learning.Media.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>Adds or replaces a video's captions in one language: stored as WebVTT for the player, and as cues for the transcript and search.</summary>
public sealed class CaptionService(LearningDbContext db, MediaStorage storage, IAuditTrail audit)
{
    public static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>
    {
        ["vi"] = "Tiếng Việt",
        ["en"] = "English",
    };

    /// <summary>Throws <see cref="CaptionFormatException"/> for a file that is not WebVTT or SRT; nothing is changed then.</summary>
    public async Task SaveAsync(Video video, string language, string text, CancellationToken cancellationToken)
    {
        var cues = Captions.Parse(text);
        var label = Languages.TryGetValue(language, out var known) ? known : language;
        var existing = await db.Set<Caption>().SingleOrDefaultAsync(c => c.VideoId == video.Id && c.Language == language, cancellationToken);
        if (existing is not null)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(cancellationToken);
        }

        var caption = new Caption
        {
            VideoId = video.Id,
            Language = language,
            Label = label,
            Cues = cues.Select(c => new CaptionCue
            {
                VideoId = video.Id,
                StartMs = c.StartMs,
                EndMs = c.EndMs,
                Text = c.Text.Length > 2000 ? c.Text[..2000] : c.Text,
                Folded = Fold(c.Text),
            }).ToList(),
        };
        db.Add(caption);
        audit.Record("media.captions.saved", video.PublicId, $"{language}: {cues.Count} cues");
        var path = storage.CaptionPath(video.PublicId, language);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, Captions.ToWebVtt(cues), new UTF8Encoding(false), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An administrator's upload: a caption file for the video in an offered language, read as UTF-8 unless its byte order mark says otherwise.</summary>
    public async Task<CaptionUpload> UploadAsync(int videoId, string? language, Stream? file, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == videoId, cancellationToken);
        if (video is null)
        {
            return new CaptionUpload(CaptionUploadError.VideoNotFound);
        }

        if (file is null || language is null || !Languages.ContainsKey(language))
        {
            return new CaptionUpload(CaptionUploadError.Missing);
        }

        string text;
        using (var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        try
        {
            await SaveAsync(video, language, text, cancellationToken);
        }
        catch (CaptionFormatException ex)
        {
            return new CaptionUpload(CaptionUploadError.Invalid, ex.Line, ex.Reason);
        }

        return new CaptionUpload(CaptionUploadError.None);
    }

    /// <summary>Removes the video's captions in an offered language. False when there is no such video or language.</summary>
    public async Task<bool> DeleteAsync(int videoId, string? language, CancellationToken cancellationToken)
    {
        var video = await db.Set<Video>().SingleOrDefaultAsync(v => v.Id == videoId, cancellationToken);
        if (video is null || language is null || !Languages.ContainsKey(language))
        {
            return false;
        }

        await db.Set<Caption>().Where(c => c.VideoId == video.Id && c.Language == language).ExecuteDeleteAsync(cancellationToken);
        File.Delete(storage.CaptionPath(video.PublicId, language));
        return true;
    }

    private static string Fold(string text)
    {
        var folded = SearchText.Fold(text);
        return folded.Length > 2000 ? folded[..2000] : folded;
    }
}
