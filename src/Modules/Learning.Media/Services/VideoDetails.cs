using Learning.Data.Jobs;
using Learning.Media.Data;

namespace Learning.Media.Services;

/// <summary>A video as its administration page shows it: with its captions, its transcoding job, and its state as people see it.</summary>
public sealed record VideoDetails(Video Video, JobRecord? Job, string State);
