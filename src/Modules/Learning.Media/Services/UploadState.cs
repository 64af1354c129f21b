namespace Learning.Media.Services;

public sealed record UploadState(string Id, string FileName, long TotalBytes, long ReceivedBytes);
