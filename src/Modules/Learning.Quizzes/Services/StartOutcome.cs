using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>The attempt started or resumed, or why none could be.</summary>
public sealed record StartOutcome(Attempt? Attempt, AttemptProblem? Problem);
