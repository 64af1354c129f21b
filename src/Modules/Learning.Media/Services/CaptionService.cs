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

public sealed record HelpHit(Video Video, int? AtMs, string? Snippet);

/// <summary>Searches help videos by title, description and caption text, without diacritics; a caption hit carries its moment.</summary>
public sealed class HelpLibrary(LearningDbContext db)
{
    public async Task<IReadOnlyList<HelpHit>> SearchAsync(string? query, string? field, CancellationToken cancellationToken = default)
    {
        var videos = db.Set<Video>().AsNoTracking().Where(v => v.IsHelp && v.State == VideoState.Ready);
        if (field is { Length: > 0 })
        {
            videos = videos.Where(v => v.Field == field);
        }

        var terms = SearchText.Terms(query);
        if (terms.Count == 0)
        {
            return (await videos.OrderBy(v => v.Title).Take(200).ToListAsync(cancellationToken)).Select(v => new HelpHit(v, null, null)).ToList();
        }

        var byText = videos;
        var cues = db.Set<CaptionCue>().AsNoTracking().Where(c => videos.Any(v => v.Id == c.VideoId));
        foreach (var term in terms)
        {
            byText = byText.Where(v => v.SearchText.Contains(term));
            cues = cues.Where(c => c.Folded.Contains(term));
        }

        var firstCues = await cues
            .GroupBy(c => c.VideoId)
            .Select(g => new { VideoId = g.Key, StartMs = g.Min(c => c.StartMs) })
            .Take(200)
            .ToListAsync(cancellationToken);
        var cueVideoIds = firstCues.Select(c => c.VideoId).ToList();
        var snippets = new Dictionary<int, string>();
        foreach (var first in firstCues)
        {
            snippets[first.VideoId] = await db.Set<CaptionCue>().AsNoTracking()
                .Where(c => c.VideoId == first.VideoId && c.StartMs == first.StartMs).Select(c => c.Text).FirstAsync(cancellationToken);
        }

        var found = await videos.Where(v => byText.Any(b => b.Id == v.Id) || cueVideoIds.Contains(v.Id)).OrderBy(v => v.Title).Take(200).ToListAsync(cancellationToken);
        return found
            .Select(v => firstCues.FirstOrDefault(c => c.VideoId == v.Id) is { } cue ? new HelpHit(v, cue.StartMs, snippets[v.Id]) : new HelpHit(v, null, null))
            .OrderBy(h => h.AtMs is null ? 0 : 1)
            .ToList();
    }
}
