namespace Learning.Media.Endpoints;

/// <summary>An upload announced: the file's name and size, and the title it will have.</summary>
public sealed record StartUpload(string? FileName, long Size, string? Title);
