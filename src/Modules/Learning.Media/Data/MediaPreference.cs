namespace Learning.Media.Data;

public sealed class MediaPreference
{
    public string UserId { get; set; } = "";

    /// <summary><c>auto</c>, <c>240p</c> or <c>audio</c>.</summary>
    public string DataSaver { get; set; } = "auto";
}
