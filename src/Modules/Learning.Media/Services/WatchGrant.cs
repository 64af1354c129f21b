namespace Learning.Media.Services;

/// <summary>What a watch token vouches for: this user may report watching this video, for this lesson if any.</summary>
public sealed record WatchGrant(string UserId, int VideoId, double DurationSeconds, int? CourseId, string? LessonKey, DateTime IssuedUtc);
