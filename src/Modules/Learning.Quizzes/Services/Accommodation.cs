namespace Learning.Quizzes.Services;

/// <summary>A quiz's limits for one cadre, after their own or their unit's override.</summary>
public sealed record Accommodation(TimeSpan? TimeLimit, int AttemptsAllowed, DateTime? ClosesUtc, bool Overridden);
