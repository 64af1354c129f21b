using System.ComponentModel.DataAnnotations;

namespace Learning.Certificates.Services.Issuing;

/// <summary>The issuing keys of <c>Learning:Certificates</c> (the section is shared with the PDF and signer options).</summary>
public sealed class IssuingOptions
{
    public const string Section = "Learning:Certificates";

    /// <summary>How long a certificate is valid, in months; empty: it does not expire.</summary>
    [Range(1, 600)]
    public int? ValidMonths { get; set; }

    /// <summary>The issuing agency the verification page names.</summary>
    [Required]
    [StringLength(300)]
    public string AgencyName { get; set; } = "Sở Nội vụ tỉnh Khánh Hòa";

    /// <summary>Look for completions that have no certificate (a crash between the completion and its job), as a recurring job.</summary>
    public bool RunIssueSweep { get; set; } = true;

    [Range(1, 1440)]
    public int IssueSweepMinutes { get; set; } = 15;

    /// <summary>Verification page views per minute and address (a load test from one address raises it: bench/verify.sh).</summary>
    [Range(1, 10_000_000)]
    public int VerifyPerMinute { get; set; } = 120;

    /// <summary>Uploaded files checked per minute and address (a load test from one address raises it: bench/verify.sh).</summary>
    [Range(1, 10_000_000)]
    public int VerifyUploadsPerMinute { get; set; } = 20;
}
