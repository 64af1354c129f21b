namespace Learning.Media.Endpoints;

/// <summary>An upload that may begin: its id, the bytes received (none yet), and how large each chunk may be.</summary>
public sealed record UploadStarted(string Id, long Received, int ChunkBytes);
