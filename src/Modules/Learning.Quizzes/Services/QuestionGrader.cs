namespace Learning.Quizzes.Services;

/// <summary>Grades one response against its question, per type. Pure: no database, no clock.</summary>
public static class QuestionGrader
{
    /// <summary>The grade of <paramref name="response"/> (null or empty = not answered, fraction 0; essays wait for a trainer).</summary>
    public static QuestionGrade Grade(QuestionDefinition question, QuestionResponse? response) =>
        throw new NotImplementedException();

    /// <summary>
    /// Null when the response fits the question; otherwise the resource key of what is wrong (an option id the question does
    /// not have, a matching prompt it does not have, a list that is not a permutation of the items), so a tampered request is
    /// refused before anything is saved.
    /// </summary>
    public static string? Check(QuestionDefinition question, QuestionResponse response) =>
        throw new NotImplementedException();
}
