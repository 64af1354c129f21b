namespace Learning.Media.Endpoints;

/// <summary>A video's processing for the polling pages: state and its label, the retry's attempt label, progress, error, renditions.</summary>
public sealed record VideoStatusReply(string State, string Label, string? Attempt, int Progress, string? Error, string Renditions);
