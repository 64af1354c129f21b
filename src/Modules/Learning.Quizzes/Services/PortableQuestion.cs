namespace Learning.Quizzes.Services;

/// <summary>A question as the writers take it: the category path to file it under, its key, and its definition.</summary>
public sealed record PortableQuestion(IReadOnlyList<string> CategoryPath, string? Key, QuestionDefinition Question)
{
    /// <summary>Images written into the file with the question (Moodle XML), by the name its texts reference them by.</summary>
    public IReadOnlyDictionary<string, byte[]> Images { get; init; } = new Dictionary<string, byte[]>();
}
