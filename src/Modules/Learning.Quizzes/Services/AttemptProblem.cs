namespace Learning.Quizzes.Services;

/// <summary>Why an attempt operation was refused: a resource key (Attempt.*) and its arguments.</summary>
public sealed record AttemptProblem(string Key, params object[] Args);
