namespace Learning.Media.Data;

public sealed class Caption
{
    public int Id { get; set; }

    public int VideoId { get; set; }

    public string Language { get; set; } = "";

    public string Label { get; set; } = "";

    public List<CaptionCue> Cues { get; set; } = [];
}
