namespace Learning.Media.Endpoints;

/// <summary>The learner's watching after a heartbeat: unique seconds, the share of the video, the resume point, completion.</summary>
public sealed record WatchReply(int Watched, int Percent, double Position, bool Completed);
