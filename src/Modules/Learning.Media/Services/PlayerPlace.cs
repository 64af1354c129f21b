namespace Learning.Media.Services;

/// <summary>Where the player is: a course lesson (whose completion it reports) or the help library.</summary>
public sealed record PlayerPlace(int? CourseId, string? LessonKey, bool IsPreview, double? StartAt = null);
