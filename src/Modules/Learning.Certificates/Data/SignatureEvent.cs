namespace Learning.Certificates.Data;

/// <summary>One line of a cadre's readiness history: a request, a return, an issued or edited signature, an import.</summary>
public sealed class SignatureEvent
{
    public long Id { get; set; }

    public int CadreId { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>One of <see cref="SignatureActions"/>.</summary>
    public string Action { get; set; } = "";

    public string? Details { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }
}

public static class SignatureActions
{
    public const string Requested = "requested";
    public const string Returned = "returned";
    public const string Issued = "issued";
    public const string Edited = "edited";
    public const string Imported = "imported";
}
