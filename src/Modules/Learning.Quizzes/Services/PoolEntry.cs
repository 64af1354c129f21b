namespace Learning.Quizzes.Services;

/// <summary>A question that a slot may place, and the version new attempts show.</summary>
public sealed record PoolEntry(int QuestionId, int VersionId);
