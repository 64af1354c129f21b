using Learning.Certificates.Services.Issuing;

namespace Learning.Certificates.Tests;

public sealed class CertificateSerialTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void New_HasTheYearSixRandomSymbolsAndACheckSymbol_AndNormalizesToItself()
    {
        for (var i = 0; i < 2000; i++)
        {
            var serial = CertificateSerial.New(2026);
            Assert.Matches("^CN-2026-[0-9A-HJKMNP-TV-Z]{7}$", serial);
            Assert.Equal(serial, CertificateSerial.Normalize(serial));
            Assert.True(CertificateSerial.IsValid(serial));
        }
    }

    [Fact]
    public void Normalize_IgnoresCaseSpacesAndLookAlikeLetters()
    {
        var serial = CertificateSerial.New(2026);
        Assert.Equal(serial, CertificateSerial.Normalize("  " + serial.ToLowerInvariant() + " "));
        var withZero = Enumerable.Range(0, 500).Select(_ => CertificateSerial.New(2026)).First(s => s[8..].Contains('0') || s[8..].Contains('1'));
        var lookAlike = withZero[..8] + withZero[8..].Replace('0', 'O').Replace('1', 'l');
        Assert.Equal(withZero, CertificateSerial.Normalize(lookAlike));
    }

    [Fact]
    public void Normalize_RefusesEverySingleWrongSymbol_AndEverySwapOfNeighbours()
    {
        var serial = CertificateSerial.New(2026);
        var code = serial[8..];
        for (var i = 0; i < code.Length; i++)
        {
            foreach (var c in Alphabet.Where(c => c != code[i]))
            {
                var wrong = serial[..8] + code[..i] + c + code[(i + 1)..];
                Assert.Null(CertificateSerial.Normalize(wrong));
            }
        }

        for (var i = 0; i + 1 < code.Length - 1; i++)
        {
            // Luhn mod N misses one swap only: 0 and the last symbol (as Luhn mod 10 misses 09 ↔ 90).
            if (code[i] != code[i + 1] && !(code[i] is '0' or 'Z' && code[i + 1] is '0' or 'Z'))
            {
                var swapped = serial[..8] + code[..i] + code[i + 1] + code[i] + code[(i + 2)..];
                Assert.Null(CertificateSerial.Normalize(swapped));
            }
        }

        var wrongYear = serial[..3] + "2025" + serial[7..];
        Assert.Null(CertificateSerial.Normalize(wrongYear));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("CN-2026")]
    [InlineData("XX-2026-ABCDEFG")]
    [InlineData("CN-26-ABCDEFG")]
    [InlineData("CN-2026-ABCDEFGH")]
    [InlineData("CN-2026-ABCDEFU")]
    [InlineData("CN-2026-<script>")]
    public void Normalize_RefusesMalformedText(string? text) => Assert.Null(CertificateSerial.Normalize(text));
}
