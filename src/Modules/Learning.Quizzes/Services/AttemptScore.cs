namespace Learning.Quizzes.Services;

/// <summary>One attempt as <see cref="ItemAnalysis"/> sees it: the mark of each question it held.</summary>
public sealed record AttemptScore(IReadOnlyList<AttemptScoreItem> Items)
{
    /// <summary>The attempt's marks; the rest of the test for a question is this minus the question's mark.</summary>
    public double Total => Items.Sum(i => i.Mark);

    public double MaxTotal => Items.Sum(i => i.MaxMark);
}
