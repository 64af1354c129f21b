namespace Learning.Media.Endpoints;

/// <summary>How far an upload got: the client resumes from <see cref="Received"/>.</summary>
public sealed record UploadProgress(string Id, long Received, long Total);
