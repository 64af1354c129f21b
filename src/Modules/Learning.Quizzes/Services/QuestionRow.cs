namespace Learning.Quizzes.Services;

/// <summary>A question in a bank list: its current version's number and type.</summary>
public sealed record QuestionRow(int Id, string Key, string Name, QuestionType Type, int Version, DateTime UpdatedUtc);
