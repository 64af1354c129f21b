using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>
/// An attempt in progress as its page shows it: the attempt page (a resume, a reload) and the start, which answers with the
/// attempt it has just stored instead of a redirect (one round trip, and one request, fewer at an exam's synchronised start).
/// <paramref name="Summary"/>: the page shows the summary before submitting, made on the server (the no-script path; the script
/// builds the same from the page in place).
/// </summary>
public sealed record AttemptView(Quiz Quiz, Attempt Attempt, IReadOnlyList<QuestionView> Questions, int CurrentPage, string? Problem, bool Summary = false);
