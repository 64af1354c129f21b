namespace Learning.Quizzes.Services;

/// <summary>What a save did: the slots now stored (with their sequence numbers), or why nothing was saved.</summary>
public sealed record SaveOutcome(IReadOnlyList<AnswerInput> Saved, AttemptProblem? Problem, DateTime? DeadlineUtc);
