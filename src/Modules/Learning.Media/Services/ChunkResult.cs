namespace Learning.Media.Services;

public sealed record ChunkResult(UploadError Error, long ReceivedBytes, string? VideoPublicId = null, string? Detail = null);
