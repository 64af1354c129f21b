namespace Learning.Quizzes.Services;

/// <summary>
/// The questions one <c>_Questions</c> partial renders: an attempt's, in its page sections (<paramref name="Paged"/>: the page
/// shown and how many there are), or a review's in a row. <paramref name="Review"/>: read-only, with what the review options allow.
/// </summary>
public sealed record QuestionList(IReadOnlyList<QuestionView> Items, bool Review, (int Current, int Pages)? Paged = null);
