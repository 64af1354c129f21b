using Learning.Media.Data;

namespace Learning.Media.Services;

public sealed record HelpHit(Video Video, int? AtMs, string? Snippet);
