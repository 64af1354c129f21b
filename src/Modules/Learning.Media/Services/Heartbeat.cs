namespace Learning.Media.Services;

/// <summary>One batched heartbeat: the intervals played since the last one, and where the playhead is.</summary>
public sealed record Heartbeat(string Token, double[][]? Intervals, double Position);
