using Learning.Courses;
using Learning.Data;
using Learning.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Media.Services;

/// <summary>Offers the lesson editor the videos a video lesson can show.</summary>
public sealed class VideoReferenceSource(LearningDbContext db) : ILessonReferenceSource
{
    public string Kind => LessonKinds.Video;

    public async Task<IReadOnlyList<LessonReferenceChoice>> GetChoicesAsync(CancellationToken cancellationToken) =>
        await db.Set<Video>().AsNoTracking().OrderByDescending(v => v.CreatedUtc)
            .Select(v => new LessonReferenceChoice(v.PublicId, v.Title + (v.State == VideoState.Ready ? "" : " (…)")))
            .Take(500)
            .ToListAsync(cancellationToken);
}
