namespace Learning.Quizzes.Services;

/// <summary>
/// One question of an attempt for <see cref="ItemAnalysis"/>: where it stood, the mark obtained (an essay not yet graded
/// counts as the caller decides; leaving such attempts out keeps the figures honest) and what was answered, as
/// <see cref="ItemAnalysis.ResponseKeys"/> gives it.
/// </summary>
public sealed record AttemptScoreItem(int QuestionId, int Slot, double Mark, double MaxMark, IReadOnlyList<string> ResponseKeys)
{
    public AttemptScoreItem(int questionId, int slot, double mark, double maxMark)
        : this(questionId, slot, mark, maxMark, [])
    {
    }
}
