namespace Learning.Quizzes.Services;

/// <summary>One reason a definition cannot be saved: a resource key under <c>Question.Invalid.</c> and its arguments.</summary>
public sealed record QuestionIssue(string Code, IReadOnlyList<object> Args)
{
    public QuestionIssue(string code)
        : this(code, [])
    {
    }
}
