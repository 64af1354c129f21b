namespace Learning.Quizzes.Services;

/// <summary>
/// Matching: a prompt and its answer. A pair with an empty <see cref="Prompt"/> is a distractor: its answer is offered but
/// matches nothing (as in Moodle).
/// </summary>
public sealed record MatchPair
{
    public string Id { get; init; } = "";

    public string Prompt { get; init; } = "";

    public string Answer { get; init; } = "";
}
