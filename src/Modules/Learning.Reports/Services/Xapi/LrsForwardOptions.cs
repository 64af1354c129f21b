using System.ComponentModel.DataAnnotations;

namespace Learning.Reports.Services.Xapi;

/// <summary>
/// Forwarding the statements to an external LRS (the province's warehouse): <c>Learning:Reports:Lrs</c>. Off while
/// <see cref="Endpoint"/> is empty. The key and secret are the Basic credentials that LRS issued to this platform.
/// </summary>
public sealed class LrsForwardOptions : IValidatableObject
{
    public const string Section = "Learning:Reports:Lrs";

    /// <summary>The LRS's xAPI base address, e.g. <c>https://lrs.khanhhoa.gov.vn/xapi/</c> (statements are POSTed to <c>statements</c> under it).</summary>
    public string? Endpoint { get; set; }

    public string? Key { get; set; }

    public string? Secret { get; set; }

    /// <summary>Statements per POST.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the recurring job forwards what has settled since the last run.</summary>
    [Range(5, 86_400)]
    public int IntervalSeconds { get; set; } = 60;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"{Section}:Endpoint must be an absolute http or https address.", [nameof(Endpoint)]);
        }

        if (Enabled && (string.IsNullOrEmpty(Key) || Secret is null))
        {
            yield return new ValidationResult($"{Section}:Key and {Section}:Secret are required when {Section}:Endpoint is set.", [nameof(Key)]);
        }
    }
}
