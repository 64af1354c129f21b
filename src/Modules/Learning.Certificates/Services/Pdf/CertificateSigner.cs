using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Certificates.Services.Pdf;

/// <summary>
/// The key that signs every certificate: the configured PKCS#12 file, or (none configured) a self-signed test signer generated
/// once under App_Data and reused across restarts. Loaded on first use; a signer that cannot be used is reported, with why, in
/// <see cref="Status"/> and the log, and <see cref="Require"/> throws instead of letting anything go out unsigned.
/// </summary>
public sealed partial class CertificateSigner : ICertificateSigner
{
    public const string TestSignerName = "Learning test signer";

    private readonly CertificateSigningOptions options;
    private readonly IHostEnvironment environment;
    private readonly IStringLocalizer<CertificatesStrings> t;
    private readonly ILogger<CertificateSigner> logger;
    private readonly TimeProvider clock;
    private readonly Lazy<Loaded> loaded;

    public CertificateSigner(IOptions<CertificateSigningOptions> options, IHostEnvironment environment, IStringLocalizer<CertificatesStrings> t, ILogger<CertificateSigner> logger, TimeProvider clock)
    {
        this.options = options.Value;
        this.environment = environment;
        this.t = t;
        this.logger = logger;
        this.clock = clock;
        loaded = new Lazy<Loaded>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
        TimestampAuthority = this.options.TimestampAuthorityUrl is { Length: > 0 } url ? new Uri(url) : null;
    }

    public Uri? TimestampAuthority { get; }

    public SignerStatus Status
    {
        get
        {
            var state = loaded.Value;
            var certificate = state.Certificate;
            var problem = state.ProblemKey is null ? Expiry(certificate) : t[state.ProblemKey, state.ProblemArgument ?? ""].Value;
            return new SignerStatus(problem is null, problem, certificate?.GetNameInfo(X509NameType.SimpleName, false) ?? certificate?.Subject,
                certificate?.Thumbprint, certificate?.NotAfter.ToUniversalTime(), state.IsTestSigner, TimestampAuthority is not null);
        }
    }

    /// <summary>The certificate with its private key, or <see cref="CertificateSignerUnavailableException"/> saying why not.</summary>
    public (X509Certificate2 Certificate, bool IsTestSigner) Require()
    {
        var status = Status;
        if (!status.Usable)
        {
            throw new CertificateSignerUnavailableException(t["Pdf.Signer.Unusable", status.Problem ?? ""]);
        }

        return (loaded.Value.Certificate!, loaded.Value.IsTestSigner);
    }

    private string? Expiry(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return t["Pdf.Signer.Missing", options.SignerPath ?? ""];
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (certificate.NotAfter.ToUniversalTime() < now)
        {
            return t["Pdf.Signer.Expired", certificate.NotAfter.ToUniversalTime().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)];
        }

        return certificate.NotBefore.ToUniversalTime() > now
            ? t["Pdf.Signer.NotYetValid", certificate.NotBefore.ToUniversalTime().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)].Value
            : null;
    }

    private Loaded Load()
    {
        if (options.SignerPath is not { Length: > 0 } path)
        {
            return LoadTestSigner();
        }

        if (!File.Exists(path))
        {
            LogUnusable(logger, path, "file missing");
            return new Loaded(null, false, "Pdf.Signer.Missing", path);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.EffectivePassword(), X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            LogUnusableWithError(logger, path, ex);
            return new Loaded(null, false, "Pdf.Signer.WrongPassword", path);
        }

        if (!certificate.HasPrivateKey)
        {
            LogUnusable(logger, path, "no private key");
            return new Loaded(certificate, false, "Pdf.Signer.NoPrivateKey", path);
        }

        if (certificate.GetRSAPrivateKey() is null && certificate.GetECDsaPrivateKey() is null)
        {
            LogUnusable(logger, path, "neither RSA nor ECDSA");
            return new Loaded(certificate, false, "Pdf.Signer.NotRsa", null);
        }

        var problem = Expiry(certificate);
        if (problem is not null)
        {
            LogUnusable(logger, path, problem);
        }

        return new Loaded(certificate, false, null, null);
    }

    private Loaded LoadTestSigner()
    {
        var folder = Path.GetFullPath(options.TestSignerFolder is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment.ContentRootPath, "App_Data", "certificates"));
        var path = Path.Combine(folder, "test-signer.p12");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(folder);
            // Valid from the earlier of the host's clock and the wall clock to ten years after the later one, so a host whose
            // clock is set ahead (a test, a wrong NTP) never leaves a signer that the real date calls "not yet valid".
            var (clockNow, wallNow) = (clock.GetUtcNow(), TimeProvider.System.GetUtcNow());
            var bytes = CreateTestSigner(clockNow, notBefore: Min(clockNow, wallNow).AddDays(-1), notAfter: Max(clockNow, wallNow).AddYears(10));
            var scratch = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(scratch, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(scratch, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                // Another node may have written one meanwhile: the first one stays, so every node signs with the same key.
                File.Move(scratch, path, overwrite: false);
                LogGenerated(logger, path);
            }
            catch (IOException)
            {
                File.Delete(scratch);
            }
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? new Loaded(certificate, true, null, null) : new Loaded(certificate, true, "Pdf.Signer.NoPrivateKey", path);
        }
        catch (CryptographicException ex)
        {
            LogUnusableWithError(logger, path, ex);
            return new Loaded(null, true, "Pdf.Signer.WrongPassword", path);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>A self-signed RSA-2048 certificate for document signing, valid ten years, as PKCS#12 without a password.</summary>
    public static byte[] CreateTestSigner(DateTimeOffset now, string name = TestSignerName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={name}, O=Learning, C=VN"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(10));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Error, Message = "The certificate signer {Path} cannot be used: {Problem}. No certificate will be issued until it is fixed.")]
    private static partial void LogUnusable(ILogger logger, string path, string problem);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "The certificate signer {Path} cannot be opened (wrong password or damaged file). No certificate will be issued until it is fixed.")]
    private static partial void LogUnusableWithError(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Generated a self-signed TEST certificate signer at {Path}; certificates it signs say so. Configure Learning:Certificates:SignerPath for real use.")]
    private static partial void LogGenerated(ILogger logger, string path);

    private sealed record Loaded(X509Certificate2? Certificate, bool IsTestSigner, string? ProblemKey, string? ProblemArgument);
}
