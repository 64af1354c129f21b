using Learning.Data.Jobs;

namespace Learning.Media.Services;

/// <summary>Where a video's processing stands: its state as people see it, its progress (100 once ready), its job and renditions.</summary>
public sealed record VideoStatus(string State, int Progress, JobRecord? Job, string Renditions);
