using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Learning.Certificates.Services.Pdf;

/// <summary>
/// Noto Serif and Noto Sans (OFL, Debian fonts-noto-core), shipped inside this assembly so every machine renders the same and
/// every Vietnamese letter, two marks included, comes out whole. PDFsharp takes one resolver for the process: <see cref="Install"/>
/// sets it once; other families fall through to PDFsharp's own resolver.
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string Serif = "Noto Serif";
    public const string Sans = "Noto Sans";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    private CertificateFonts()
    {
    }

    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is CertificateFonts)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new CertificateFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var family = familyName.Equals(Sans, StringComparison.OrdinalIgnoreCase) ? "NotoSans" : "NotoSerif";
        var face = (bold, italic, family) switch
        {
            (true, _, _) => family + "-Bold",
            (false, true, "NotoSerif") => family + "-Italic",
            (false, true, _) => family + "-Regular",
            _ => family + "-Regular",
        };
        return new FontResolverInfo(face, mustSimulateBold: false, mustSimulateItalic: italic && face.EndsWith("-Regular", StringComparison.Ordinal));
    }

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, Read);

    private static byte[] Read(string faceName)
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream("Learning.Certificates.Fonts." + faceName + ".ttf")
            ?? throw new InvalidOperationException("No shipped font " + faceName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
