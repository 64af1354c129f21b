namespace Learning.Quizzes.Services;

/// <summary>
/// A question read from a file: its place in the file (<see cref="Index"/>, 1-based among the file's questions, and
/// <see cref="Position"/>: a line number for GIFT and CSV, an element path for Moodle XML, <c>Sheet!A12</c> for XLSX), the
/// category path it was filed under (names from the top down), and its stable key when the file carries one.
/// </summary>
public sealed record ImportedQuestion(int Index, string Position, IReadOnlyList<string> CategoryPath, string? Key, QuestionDefinition Question)
{
    /// <summary>The images the file carries for the question (Moodle XML's base64 files), by the name its texts reference them by
    /// (<c>@@PLUGINFILE@@/name</c>); checked to be images. The bank stores them on import and points the texts at its copies.</summary>
    public IReadOnlyDictionary<string, byte[]> Images { get; init; } = new Dictionary<string, byte[]>();
}
