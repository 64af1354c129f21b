namespace Learning.Quizzes.Services;

/// <summary>
/// The questions one <c>_Questions</c> partial renders: an attempt's, in its page sections (<paramref name="Paged"/>: the page
/// shown and how many there are), or a review's in a row. <paramref name="Review"/>: read-only, with what the review options allow.
/// <paramref name="Flags"/>: the attempt's flagged slots (<see cref="AttemptFlags"/>); given, an attempt's questions each have a
/// flag button and a review marks the flagged ones. Null (a trainer's preview): no flags at all.
/// </summary>
public sealed record QuestionList(IReadOnlyList<QuestionView> Items, bool Review, (int Current, int Pages)? Paged = null, IReadOnlySet<int>? Flags = null);
