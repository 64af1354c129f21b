namespace Learning.Media.Data;

/// <summary>A video and its renditions. <see cref="PublicId"/> names its folder and appears in URLs; the numeric id never does.</summary>
public sealed class Video
{
    public int Id { get; set; }

    public string PublicId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The support field (hotlines shown beside it), e.g. <c>digital-signature</c>.</summary>
    public string? Field { get; set; }

    /// <summary>Listed in the help library, open to every signed-in cadre.</summary>
    public bool IsHelp { get; set; }

    /// <summary>Folded (no diacritics, lower case) title, description and caption text, for search.</summary>
    public string SearchText { get; set; } = "";

    public VideoState State { get; set; }

    public long? JobId { get; set; }

    public string? Error { get; set; }

    public string SourceFileName { get; set; } = "";

    public string SourceExtension { get; set; } = "";

    public long SourceBytes { get; set; }

    public double DurationSeconds { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public bool HasAudio { get; set; }

    /// <summary>Rendition names, e.g. <c>480p,360p,240p,audio</c>.</summary>
    public string Renditions { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? ReadyUtc { get; set; }

    public List<Caption> Captions { get; set; } = [];
}
