using Learning.Notifications;
using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>The <see cref="NoticeTypes.QuizResult"/> notice of an attempt whose grade became final, linking to its review page.</summary>
public static class QuizResultNotice
{
    public static Notice For(Attempt attempt, Quiz quiz)
    {
        var link = $"/Quizzes/Review/{attempt.PublicId}";
        return new(attempt.UserId, NoticeTypes.QuizResult, new
        {
            Quiz = new { quiz.Title, Url = link },
            Score = attempt.Score ?? 0,
            attempt.MaxScore,
            Percent = QuizGrading.PercentOf(attempt),
            attempt.Passed,
        })
        { Link = link };
    }
}
