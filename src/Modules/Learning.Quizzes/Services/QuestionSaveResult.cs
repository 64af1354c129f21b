namespace Learning.Quizzes.Services;

/// <summary>What saving a question did: refused with localized <see cref="Errors"/>, or saved as <see cref="Version"/>
/// (<see cref="NewVersion"/> when an attempt used the previous one, so a new version was made).</summary>
public sealed record QuestionSaveResult(bool Succeeded, IReadOnlyList<string> Errors, int QuestionId, int Version, bool NewVersion)
{
    public static QuestionSaveResult Failed(IReadOnlyList<string> errors) => new(false, errors, 0, 0, false);
}
