namespace Learning.Quizzes.Services;

/// <summary>A category in tree order (parents before children), with its depth and how many live questions it holds itself.</summary>
public sealed record CategoryNode(int Id, int? ParentId, string? CourseSlug, string Name, int Depth, int QuestionCount);
