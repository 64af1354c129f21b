namespace Learning.Notifications.Data;

/// <summary>An administrator's version of a type's template in one culture; without a row the shipped template applies.</summary>
public sealed class NotificationTemplate
{
    public int Id { get; set; }

    public string Type { get; set; } = "";

    public string Culture { get; set; } = "vi";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string HtmlBody { get; set; } = "";

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedBy { get; set; }
}
