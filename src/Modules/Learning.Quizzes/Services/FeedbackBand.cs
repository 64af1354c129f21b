namespace Learning.Quizzes.Services;

/// <summary>One band of a quiz's overall feedback: the text for an attempt whose percent is at least <paramref name="From"/> (Markdown).</summary>
public sealed record FeedbackBand(decimal From, string Text);
