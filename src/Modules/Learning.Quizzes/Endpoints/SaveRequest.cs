namespace Learning.Quizzes.Endpoints;

/// <summary>What the attempt page's script sends: the page the cadre is on, and the answers changed since the last save.</summary>
public sealed record SaveRequest(int? Page, IReadOnlyList<AnswerRequest>? Answers);
