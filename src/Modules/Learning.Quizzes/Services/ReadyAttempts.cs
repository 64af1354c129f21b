using Learning.Data;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Quizzes.Services;

/// <summary>
/// Deleting attempts drawn ahead of an opening and never started (<see cref="AttemptState.NotStarted"/>), with their questions
/// (the foreign key cascades): when the quiz changes (they would show what it no longer asks), when the start finds one no
/// longer fits, and when nobody came for them.
/// </summary>
internal static class ReadyAttempts
{
    private static IQueryable<Attempt> Unstarted(LearningDbContext db) =>
        db.Set<Attempt>().IgnoreQueryFilters().Where(a => a.State == AttemptState.NotStarted);

    public static Task<int> DiscardAsync(LearningDbContext db, long attemptId, CancellationToken cancellationToken) =>
        Unstarted(db).Where(a => a.Id == attemptId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>After a quiz's settings or questions changed: its attempts drawn ahead are drawn again when next asked for.</summary>
    public static Task<int> DiscardForQuizAsync(LearningDbContext db, int quizId, CancellationToken cancellationToken) =>
        Unstarted(db).Where(a => a.QuizId == quizId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Those drawn before <paramref name="drawnBeforeUtc"/> (their <see cref="Attempt.StartedUtc"/> holds when).</summary>
    public static Task<int> DiscardDrawnBeforeAsync(LearningDbContext db, DateTime drawnBeforeUtc, CancellationToken cancellationToken) =>
        Unstarted(db).Where(a => a.StartedUtc < drawnBeforeUtc).ExecuteDeleteAsync(cancellationToken);
}
