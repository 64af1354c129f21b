namespace Learning.Reports.Data;

/// <summary>
/// One request made with a client's key: the audit of use, read by an administrator on the client's log page. Requests refused
/// for a wrong secret, a revoked key or the rate limit are here too, under the client whose key id they named. Kept
/// <c>Learning:Reports:Api:LogDays</c> days.
/// </summary>
public sealed class ApiRequest
{
    public const int MaxPath = 200;

    public const int MaxQuery = 1000;

    public const int MaxAddress = 64;

    public long Id { get; set; }

    public int ClientId { get; set; }

    public DateTime AtUtc { get; set; }

    public string Method { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>The query string without its leading <c>?</c>, cut at <see cref="MaxQuery"/> characters.</summary>
    public string Query { get; set; } = "";

    public int Status { get; set; }

    public int DurationMs { get; set; }

    /// <summary>The caller's address as the host saw it (through the reverse proxy's forwarded headers when enabled).</summary>
    public string? Address { get; set; }
}
