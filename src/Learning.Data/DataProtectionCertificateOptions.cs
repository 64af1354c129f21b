using System.ComponentModel.DataAnnotations;

namespace Learning.Data;

/// <summary>
/// <c>Learning:DataProtection</c>: the certificate that encrypts the data-protection key ring at rest (the same on every node).
/// Without one, the keys are stored unencrypted in <c>core_data_protection_key</c>.
/// </summary>
public sealed class DataProtectionCertificateOptions : IValidatableObject
{
    public const string Section = "Learning:DataProtection";

    /// <summary>A PKCS#12 (<c>.pfx</c>) file.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(CertificatePath))
        {
            if (!string.IsNullOrEmpty(CertificatePassword))
            {
                yield return new ValidationResult("set without a CertificatePath.", [nameof(CertificatePassword)]);
            }
        }
        else if (!File.Exists(CertificatePath))
        {
            yield return new ValidationResult($"no file at '{CertificatePath}'.", [nameof(CertificatePath)]);
        }
    }
}
