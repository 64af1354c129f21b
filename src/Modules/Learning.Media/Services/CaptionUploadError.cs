namespace Learning.Media.Services;

public enum CaptionUploadError
{
    None,
    VideoNotFound,

    /// <summary>No file, an empty one, or a language that is not offered.</summary>
    Missing,

    /// <summary>Not WebVTT or SRT; the result names the line and why.</summary>
    Invalid,
}
