namespace Learning.Reports.Data;

/// <summary>A key of the xAPI and reporting API, scoped like a manager to one organisation subtree.</summary>
public sealed class ApiClient
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The public half (the Basic user name).</summary>
    public string KeyId { get; set; } = "";

    /// <summary>SHA-256 of the secret (hex); the secret itself is shown once and never stored.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>The organisation path the client may read under (a province <c>/1/</c> or a commune <c>/1/7/</c>).</summary>
    public string ScopePath { get; set; } = "";

    public string ScopeName { get; set; } = "";

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    public DateTime? LastUsedUtc { get; set; }

    /// <summary>This client's own requests per minute; null: the site's default (<c>Learning:Reports:Api:RequestsPerMinute</c>).</summary>
    public int? RequestsPerMinute { get; set; }
}
