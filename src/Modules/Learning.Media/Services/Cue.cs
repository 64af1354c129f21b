namespace Learning.Media.Services;

public sealed record Cue(int StartMs, int EndMs, string Text);
