namespace Learning.Media.Data;

/// <summary>One caption line, kept for the transcript panel and for search that jumps to the moment.</summary>
public sealed class CaptionCue
{
    public long Id { get; set; }

    public int CaptionId { get; set; }

    public int VideoId { get; set; }

    public int StartMs { get; set; }

    public int EndMs { get; set; }

    public string Text { get; set; } = "";

    public string Folded { get; set; } = "";
}
