namespace Learning.Media.Data;

/// <summary>A resumable upload in progress. The bytes received so far are the length of its part file.</summary>
public sealed class Upload
{
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public string FileName { get; set; } = "";

    public long TotalBytes { get; set; }

    public string Title { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
