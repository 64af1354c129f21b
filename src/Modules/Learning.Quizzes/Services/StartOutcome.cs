using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>
/// The attempt started or resumed, or why none could be. <paramref name="Created"/>: this request started it (drew and stored
/// it, or started the one drawn ahead of the opening), so it is in hand whole (questions included) and the start can answer with it.
/// </summary>
public sealed record StartOutcome(Attempt? Attempt, AttemptProblem? Problem, bool Created = false);
