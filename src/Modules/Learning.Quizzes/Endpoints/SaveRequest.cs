namespace Learning.Quizzes.Endpoints;

/// <summary>
/// What the attempt page's script sends: the page the cadre is on, the answers changed since the last save, and, when the
/// cadre flagged or unflagged a question since, the whole set of flagged slots (absent: unchanged).
/// </summary>
public sealed record SaveRequest(int? Page, IReadOnlyList<AnswerRequest>? Answers, IReadOnlyList<int>? Flags = null);
