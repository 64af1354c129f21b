namespace Learning.Media.Services;

public sealed record ProbeResult(bool IsVideo, double DurationSeconds, int Width, int Height, bool HasAudio, string Format, string? Problem);
