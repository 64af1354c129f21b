using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>
/// An attempt in progress as its page shows it: the attempt page (a resume, a reload) and the start, which answers with the
/// attempt it has just stored instead of a redirect (one round trip, and one request, fewer at an exam's synchronised start).
/// </summary>
public sealed record AttemptView(Quiz Quiz, Attempt Attempt, IReadOnlyList<QuestionView> Questions, int CurrentPage, string? Problem);
