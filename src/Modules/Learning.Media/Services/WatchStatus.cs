namespace Learning.Media.Services;

public sealed record WatchStatus(int WatchedSeconds, int Percent, double Position, bool Completed);
