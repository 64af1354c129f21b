namespace Learning.Media.Endpoints;

/// <summary>Why an upload or a chunk was refused, for the uploader, and the bytes kept (where to resume) when they matter.</summary>
public sealed record UploadProblem(string Error, long? Received);
