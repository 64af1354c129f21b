using Learning.Data;
using Learning.Media.Data;
using Learning.Modularity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>Searches help videos by title, description and caption text, without diacritics; a caption hit carries its moment.</summary>
public sealed class HelpLibrary(LearningDbContext db)
{
    /// <summary>A help video by its public id, ready or not; null when there is none (or the video is not in the help library).</summary>
    public Task<Video?> FindAsync(string publicId, CancellationToken cancellationToken) =>
        db.Set<Video>().AsNoTracking().SingleOrDefaultAsync(v => v.PublicId == publicId && v.IsHelp, cancellationToken);

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
