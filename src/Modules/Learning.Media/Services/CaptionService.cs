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

    public async Task DeleteAsync(Video video, string language, CancellationToken cancellationToken)
    {
        await db.Set<Caption>().Where(c => c.VideoId == video.Id && c.Language == language).ExecuteDeleteAsync(cancellationToken);
        File.Delete(storage.CaptionPath(video.PublicId, language));
    }

    private static string Fold(string text)
    {
        var folded = SearchText.Fold(text);
        return folded.Length > 2000 ? folded[..2000] : folded;
    }
}
