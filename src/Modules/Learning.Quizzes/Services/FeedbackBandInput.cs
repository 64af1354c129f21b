namespace Learning.Quizzes.Services;

/// <summary>A row of the quiz editor's overall feedback: empty text drops the row; an empty "from" with a text is the lowest band (0 %).</summary>
public sealed class FeedbackBandInput
{
    public decimal? From { get; set; }

    public string? Text { get; set; }
}
