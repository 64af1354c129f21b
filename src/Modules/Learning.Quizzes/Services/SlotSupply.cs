namespace Learning.Quizzes.Services;

/// <summary>
/// What one slot of a quiz can put in an attempt as the bank stands now. A fixed slot names its question (archived or not:
/// an archived question is still drawn where a quiz names it). A random slot asks for <see cref="Asked"/> questions and, at
/// worst, finds <see cref="Available"/>: its category's live questions, less the quiz's fixed ones and those the slots
/// before it may have taken from the same questions (a question is drawn once per attempt). Fewer means shorter attempts
/// and a lower total mark than the quiz was built for.
/// </summary>
public sealed record SlotSupply(int SlotId, int Asked, int Available, string? QuestionName = null, string? QuestionKey = null, bool Archived = false)
{
    public bool IsShort => Available < Asked;
}
