using System.ComponentModel.DataAnnotations;

namespace Learning.Certificates.Services.Pdf;

/// <summary><c>Learning:Certificates</c>: the signer and the timestamp authority.</summary>
public sealed class CertificateSigningOptions : IValidatableObject
{
    public const string Section = "Learning:Certificates";

    public const string PasswordVariable = "LEARNING_CERTIFICATES_SIGNER_PASSWORD";

    /// <summary>The PKCS#12 file (.p12/.pfx) holding the signing certificate and its private key. Empty: a generated test signer.</summary>
    public string? SignerPath { get; set; }

    /// <summary>Its password; the environment variable LEARNING_CERTIFICATES_SIGNER_PASSWORD is read when this is empty.</summary>
    public string? SignerPassword { get; set; }

    /// <summary>An RFC 3161 timestamp authority (<c>http://timestamp.example.vn/tsa</c>); each signature then carries a timestamp.</summary>
    public string? TimestampAuthorityUrl { get; set; }

    /// <summary>Where the generated test signer is kept (and reused across restarts). Default: App_Data/certificates.</summary>
    public string? TestSignerFolder { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimestampAuthorityUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("must be an absolute http(s) address.", [nameof(TimestampAuthorityUrl)]);
        }
    }

    public string? EffectivePassword() =>
        SignerPassword is { Length: > 0 } password ? password : Environment.GetEnvironmentVariable(PasswordVariable);
}
