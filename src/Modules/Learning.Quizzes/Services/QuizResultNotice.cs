using Learning.Modularity;
using Learning.Notifications;
using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>
/// The <see cref="NoticeTypes.QuizResult"/> notice of an attempt whose grade became final, linking to its review page. The
/// score and the outcome are in it only when the quiz's review options show the marks at that moment
/// (<paramref name="showMarks"/>), with the quiz's overall feedback for the score; otherwise they are left out of the model,
/// so no template can print them.
/// </summary>
public static class QuizResultNotice
{
    public static Notice For(Attempt attempt, Quiz quiz, bool showMarks)
    {
        var link = $"/Quizzes/Review/{attempt.PublicId}";
        return new(attempt.UserId, NoticeTypes.QuizResult, new
        {
            Quiz = new { quiz.Title, Url = link },
            ShowMarks = showMarks,
            Score = showMarks ? attempt.Score ?? 0 : (decimal?)null,
            MaxScore = showMarks ? attempt.MaxScore : (decimal?)null,
            Percent = showMarks ? QuizGrading.PercentOf(attempt) : (decimal?)null,
            Passed = showMarks ? attempt.Passed : (bool?)null,
            // The quiz's overall feedback for the score's band, as plain text: it tells the band, so only with the marks.
            Feedback = showMarks && OverallFeedback.For(quiz.OverallFeedback, QuizGrading.PercentOf(attempt)) is { } feedback
                ? SafeMarkdown.ToPlainText(feedback)
                : null,
        })
        { Link = link };
    }
}
