using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>Grades a submitted attempt from its saved responses: each question by <see cref="QuestionGrader"/>, essays by hand.</summary>
public static class AttemptGrading
{
    /// <summary>Sets each question's fraction (keeping a trainer's grade), the score, the state and whether it passed.</summary>
    public static void Grade(Attempt attempt, IReadOnlyDictionary<int, QuestionDefinition> definitions, decimal passPercent, DateTime nowUtc)
    {
        decimal score = 0;
        var waiting = false;
        foreach (var question in attempt.Questions)
        {
            if (question.GradedBy is null)
            {
                var grade = QuestionGrader.Grade(definitions[question.QuestionVersionId], QuestionJson.DeserializeResponse(question.Response));
                question.Fraction = grade.Fraction is { } f ? Math.Round((decimal)f, 6) : null;
            }

            if (question.Fraction is { } fraction)
            {
                score += question.Mark * fraction;
            }
            else
            {
                waiting = true;
            }
        }

        attempt.MaxScore = attempt.Questions.Sum(q => q.Mark);
        attempt.Score = Math.Round(score, 3);
        attempt.State = waiting ? AttemptState.NeedsGrading : AttemptState.Finished;
        attempt.GradedUtc = waiting ? null : nowUtc;
        attempt.Passed = !waiting && QuizGrading.PercentOf(attempt) >= passPercent;
    }
}
