namespace Learning.Certificates.Data;

/// <summary>
/// A cadre's digital signature as the managers record it: requested from the provider (a request can be returned), then issued
/// (serial, provider, validity). What is not stored here (not started, in training, ready, expiring, expired) is derived.
/// </summary>
public sealed class SignatureRecord
{
    public int Id { get; set; }

    public int CadreId { get; set; }

    public DateTime? RequestedUtc { get; set; }

    public string? RequestedBy { get; set; }

    /// <summary>Set when the provider returned (or the manager withdrew) the request: the cadre is back to the derived state.</summary>
    public DateTime? ReturnedUtc { get; set; }

    public string? ReturnReason { get; set; }

    public string? Serial { get; set; }

    public string? Provider { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public DateTime? IssuedRecordedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
