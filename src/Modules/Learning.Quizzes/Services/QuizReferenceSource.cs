using Learning.Courses;
using Learning.Data;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>Offers the lesson editor the quizzes a quiz lesson can show.</summary>
public sealed class QuizReferenceSource(LearningDbContext db) : ILessonReferenceSource
{
    public string Kind => LessonKinds.Quiz;

    public async Task<IReadOnlyList<LessonReferenceChoice>> GetChoicesAsync(CancellationToken cancellationToken) =>
        await db.Set<Quiz>().AsNoTracking().OrderBy(q => q.Title)
            .Select(q => new LessonReferenceChoice(q.Key, q.Title))
            .Take(500)
            .ToListAsync(cancellationToken);
}
