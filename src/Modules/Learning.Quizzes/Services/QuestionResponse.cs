namespace Learning.Quizzes.Services;

/// <summary>
/// What a cadre answered to one question. <see cref="Choices"/>: the chosen option ids (single and true/false: one; multiple:
/// any; ordering: every item id in the order given). <see cref="Text"/>: short answer, numerical (with its unit) and essay.
/// <see cref="Matches"/>: matching, prompt pair id → the pair id whose answer was chosen.
/// </summary>
public sealed record QuestionResponse
{
    public IReadOnlyList<string> Choices { get; init; } = [];

    public string? Text { get; init; }

    public IReadOnlyDictionary<string, string> Matches { get; init; } = new Dictionary<string, string>();

    /// <summary>The response with JSON nulls (<c>"choices": null</c>) read as empty, so a malformed request is refused, not a crash.</summary>
    public QuestionResponse Normalized() => this with
    {
        Choices = Choices ?? [],
        Matches = Matches ?? new Dictionary<string, string>(),
    };

    public bool IsEmpty => Choices.Count == 0 && string.IsNullOrWhiteSpace(Text) && Matches.Count == 0;
}
