using System.Security.Cryptography;

namespace Learning.Certificates.Services.Issuing;

/// <summary>
/// Serials such as <c>CN-2026-7K3QH9X</c>: the year, six random Crockford base-32 symbols (no I, L, O, U: nothing to misread)
/// and a check symbol (Luhn mod 32 over the year and the random part), so a mistyped serial is refused before any lookup.
/// Read back case-insensitively, with the letters people confuse folded (O → 0, I and L → 1).
/// </summary>
public static class CertificateSerial
{
    public const string Prefix = "CN";
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomLength = 6;

    public static string New(int year)
    {
        Span<char> random = stackalloc char[RandomLength];
        for (var i = 0; i < RandomLength; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var body = year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + new string(random);
        return $"{Prefix}-{body[..4]}-{body[4..]}{CheckSymbol(body)}";
    }

    /// <summary>The canonical form of what someone typed or scanned, or null when it is not a well-formed serial.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var parts = text.Trim().ToUpperInvariant().Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || parts[0] != Prefix || parts[1].Length != 4 || !parts[1].All(char.IsAsciiDigit) || parts[2].Length != RandomLength + 1)
        {
            return null;
        }

        var code = new string([.. parts[2].Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })]);
        if (code.Any(c => !Alphabet.Contains(c)))
        {
            return null;
        }

        var body = parts[1] + code[..RandomLength];
        return CheckSymbol(body) == code[RandomLength] ? $"{Prefix}-{parts[1]}-{code}" : null;
    }

    public static bool IsValid(string? text) => Normalize(text) == text && text is not null;

    /// <summary>Luhn mod N (N = 32): catches every single wrong symbol and every swap of two neighbours.</summary>
    internal static char CheckSymbol(ReadOnlySpan<char> body)
    {
        const int n = 32;
        var factor = 2;
        var sum = 0;
        for (var i = body.Length - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            factor = factor == 2 ? 1 : 2;
            sum += (addend / n) + (addend % n);
        }

        return Alphabet[(n - (sum % n)) % n];
    }
}
