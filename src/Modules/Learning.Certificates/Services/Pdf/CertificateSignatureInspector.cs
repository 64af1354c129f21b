using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;

namespace Learning.Certificates.Services.Pdf;

/// <summary>
/// Reads an uploaded file as a PDF verifier does: the signature whose /ByteRange reaches furthest, its /Contents (the CMS, in
/// the gap between the two ranges), the digest checked over exactly those bytes. Bytes outside the ranges (an incremental update
/// appended after signing) make it <see cref="SignatureVerdict.Altered"/>. Never throws on what it is given.
/// </summary>
public sealed partial class CertificateSignatureInspector : ICertificateSignatureInspector
{
    public SignatureInspection Inspect(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        try
        {
            return Inspect(pdf, sha);
        }
#pragma warning disable CA1031 // Garbage in must give a verdict, never an exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new SignatureInspection(LooksLikePdf(pdf) ? SignatureVerdict.Altered : SignatureVerdict.NotPdf, sha, null, null, "unreadable: " + ex.GetType().Name);
        }
    }

    private static SignatureInspection Inspect(byte[] pdf, string sha)
    {
        if (!LooksLikePdf(pdf))
        {
            return new SignatureInspection(SignatureVerdict.NotPdf, sha, null, null, "no %PDF- header");
        }

        // Latin-1 maps each byte to one char, so string offsets are byte offsets.
        var text = Encoding.Latin1.GetString(pdf);
        var serial = ReadSerial(text);
        var ranges = ByteRangePattern().Matches(text)
            .Select(m => ParseRange(m))
            .Where(r => r is not null)
            .Select(r => r!.Value)
            .OrderByDescending(r => r.Start2 + r.Length2)
            .ToList();
        if (ranges.Count == 0)
        {
            return new SignatureInspection(SignatureVerdict.NotSigned, sha, null, serial, "no signature");
        }

        var range = ranges[0];
        if (range.Start1 != 0 || range.Length1 <= 0 || range.Start2 <= range.Length1 || range.Length2 < 0 || range.Start2 + range.Length2 > pdf.Length)
        {
            return new SignatureInspection(SignatureVerdict.Altered, sha, null, serial, "the byte range does not fit the file");
        }

        var gap = text.AsSpan(range.Length1, range.Start2 - range.Length1).Trim();
        if (gap.Length < 2 || gap[0] != '<' || gap[^1] != '>')
        {
            return new SignatureInspection(SignatureVerdict.Altered, sha, null, serial, "no signature contents between the byte ranges");
        }

        var hex = gap[1..^1].ToString();
        var der = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
        var cms = new SignedCms(new ContentInfo(Concat(pdf, range)), detached: true);
        var value = TrimPadding(der);
        if (der.AsSpan(value.Length).IndexOfAnyExcept((byte)0) >= 0)
        {
            return new SignatureInspection(SignatureVerdict.Altered, sha, null, serial, "bytes were changed in the signature's padding");
        }

        cms.Decode(value);
        if (cms.SignerInfos.Count == 0)
        {
            return new SignatureInspection(SignatureVerdict.Altered, sha, null, serial, "the signature has no signer");
        }

        var signerInfo = cms.SignerInfos[0];
        var thumbprint = signerInfo.Certificate?.Thumbprint?.ToUpperInvariant();
        try
        {
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            return new SignatureInspection(SignatureVerdict.Altered, sha, thumbprint, serial, "the signed bytes do not match the signature: " + ex.Message);
        }

        if (range.Start2 + range.Length2 != pdf.Length)
        {
            return new SignatureInspection(SignatureVerdict.Altered, sha, thumbprint, serial,
                string.Create(CultureInfo.InvariantCulture, $"{pdf.Length - (range.Start2 + range.Length2)} bytes were added after the signed range"));
        }

        return new SignatureInspection(SignatureVerdict.Valid, sha, thumbprint, serial, HasTimestamp(signerInfo) ? "timestamped" : null);
    }

    /// <summary>Whether the signer carries an RFC 3161 timestamp token (unsigned attribute 1.2.840.113549.1.9.16.2.14).</summary>
    public static bool HasTimestamp(SignerInfo signer) =>
        signer.UnsignedAttributes.Cast<CryptographicAttributeObject>().Any(a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");

    /// <summary>The CMS of a PDF's (furthest-reaching) signature, for tests and diagnostics; null when there is none readable.</summary>
    public static SignedCms? ReadCms(byte[] pdf)
    {
        try
        {
            var text = Encoding.Latin1.GetString(pdf);
            var range = ByteRangePattern().Matches(text).Select(ParseRange).Where(r => r is not null).Select(r => r!.Value).OrderByDescending(r => r.Start2 + r.Length2).First();
            var gap = text.AsSpan(range.Length1, range.Start2 - range.Length1).Trim();
            var cms = new SignedCms(new ContentInfo(Concat(pdf, range)), detached: true);
            cms.Decode(TrimPadding(Convert.FromHexString(gap[1..^1])));
            return cms;
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    private static bool LooksLikePdf(byte[] pdf)
    {
        var head = pdf.AsSpan(0, Math.Min(pdf.Length, 1024));
        return head.IndexOf("%PDF-"u8) >= 0;
    }

    private static string? ReadSerial(string text)
    {
        var match = SerialPattern().Matches(text).LastOrDefault();
        if (match is null)
        {
            return null;
        }

        var value = match.Groups[1].Value;
        return value.Length is > 0 and <= 100 && value.All(c => c is >= ' ' and <= '~') ? value : null;
    }

    private static ByteRange? ParseRange(Match match)
    {
        var parts = match.Groups[1].Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4)
        {
            return null;
        }

        var numbers = new long[4];
        for (var i = 0; i < 4; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] > int.MaxValue)
            {
                return null;
            }
        }

        return new ByteRange((int)numbers[0], (int)numbers[1], (int)numbers[2], (int)numbers[3]);
    }

    private static byte[] Concat(byte[] pdf, ByteRange range)
    {
        var signed = new byte[range.Length1 + range.Length2];
        Buffer.BlockCopy(pdf, range.Start1, signed, 0, range.Length1);
        Buffer.BlockCopy(pdf, range.Start2, signed, range.Length1, range.Length2);
        return signed;
    }

    /// <summary>The DER value without the zeros that pad the /Contents placeholder (its length read from the outer header).</summary>
    private static byte[] TrimPadding(byte[] der)
    {
        if (der.Length < 2 || der[0] != 0x30)
        {
            return der;
        }

        int length;
        int header;
        if (der[1] < 0x80)
        {
            length = der[1];
            header = 2;
        }
        else
        {
            var count = der[1] & 0x7f;
            if (count is 0 or > 4 || der.Length < 2 + count)
            {
                return der;
            }

            length = 0;
            for (var i = 0; i < count; i++)
            {
                length = (length << 8) | der[2 + i];
            }

            header = 2 + count;
        }

        var total = (long)header + length;
        return total > 0 && total <= der.Length ? der.AsSpan(0, (int)total).ToArray() : der;
    }

    [GeneratedRegex(@"/ByteRange\s*\[([0-9\s]{7,80})\]")]
    private static partial Regex ByteRangePattern();

    [GeneratedRegex(@"/LearningCertificateSerial\s*\(([^()\\]{1,100})\)")]
    private static partial Regex SerialPattern();

    private readonly record struct ByteRange(int Start1, int Length1, int Start2, int Length2);
}
