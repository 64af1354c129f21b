using Learning.Courses;
using Learning.Data;
using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>Best graded attempt per learner and course (attempts started from a course lesson), in percent.</summary>
internal sealed class QuizScoreRows : IQuizScoreRows
{
    public IQueryable<QuizScoreRow> BestScores(object context) =>
        Graded(context)
            .GroupBy(a => new { a.UserId, CourseId = a.CourseId!.Value })
            .Select(g => new QuizScoreRow { UserId = g.Key.UserId, CourseId = g.Key.CourseId, BestPercent = g.Max(a => (double)a.Score!.Value * 100.0 / (double)a.MaxScore) });

    public IQueryable<QuizScoreRow> GradedAttempts(object context) =>
        Graded(context).Select(a => new QuizScoreRow { UserId = a.UserId, CourseId = a.CourseId!.Value, BestPercent = (double)a.Score!.Value * 100.0 / (double)a.MaxScore });

    public IQueryable<QuizAttemptRow> Attempts(object context)
    {
        var db = Db(context);
        return from a in db.Set<Attempt>()
               join q in db.Set<Quiz>() on a.QuizId equals q.Id
               select new QuizAttemptRow
               {
                   UserId = a.UserId,
                   CourseId = a.CourseId,
                   QuizId = a.QuizId,
                   QuizTitle = q.Title,
                   Number = a.Number,
                   State = a.State == AttemptState.Finished ? "Finished" : a.State == AttemptState.NeedsGrading ? "NeedsGrading" : "InProgress",
                   Percent = a.Score != null && a.MaxScore > 0 ? (double)a.Score.Value * 100.0 / (double)a.MaxScore : null,
                   Passed = a.Passed,
                   StartedUtc = a.StartedUtc,
                   SubmittedUtc = a.SubmittedUtc,
                   ChangedUtc = a.GradedUtc ?? a.SubmittedUtc ?? a.StartedUtc,
               };
    }

    private static IQueryable<Attempt> Graded(object context)
    {
        var db = Db(context);
        return db.Set<Attempt>().Where(a => a.CourseId != null && a.Score != null && a.MaxScore > 0 && a.State != AttemptState.InProgress);
    }

    private static LearningDbContext Db(object context) =>
        context as LearningDbContext ?? throw new ArgumentException("A LearningDbContext is expected.", nameof(context));
}
