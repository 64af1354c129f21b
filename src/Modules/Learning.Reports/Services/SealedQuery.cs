using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Learning.Reports.Services;

/// <summary>
/// A query sealed into a URL-safe token with Data Protection — the xAPI stream's <c>more</c> link and the reporting API's
/// cursor: opaque to the client, refused when changed, readable by every node that shares the key ring. Each use has its own
/// purpose string, so a token of one is never accepted by the other.
/// </summary>
internal sealed class SealedQuery<T>(IDataProtectionProvider protection, string purpose)
    where T : class
{
    private readonly IDataProtector protector = protection.CreateProtector(purpose);

    public string Seal(T query) =>
        Convert.ToBase64String(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(query))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The query <paramref name="token"/> stands for, or null when this site did not seal it for this purpose (changed, cut, not base64).</summary>
    public T? Open(string token)
    {
        try
        {
            var s = token.Replace('-', '+').Replace('_', '/');
            return JsonSerializer.Deserialize<T>(protector.Unprotect(Convert.FromBase64String(s + new string('=', (4 - (s.Length % 4)) % 4))));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
