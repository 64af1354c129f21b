using System.Globalization;
using System.Resources;

namespace Learning.Certificates.Services.Pdf;

/// <summary>The module's strings in a document's own culture (a certificate's language is the holder's, not the viewer's).</summary>
internal static class CertificateTexts
{
    private static readonly ResourceManager Resources = new("Learning.Certificates.Resources.CertificatesStrings", typeof(CertificatesStrings).Assembly);

    public static string Get(string key, CultureInfo culture, params object?[] arguments)
    {
        var format = Resources.GetString(key, culture) ?? key;
        return arguments.Length == 0 ? format : string.Format(culture, format, arguments);
    }
}
