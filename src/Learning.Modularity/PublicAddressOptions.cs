using System.ComponentModel.DataAnnotations;

namespace Learning.Modularity;

/// <summary>
/// The site's public address, for links that leave the site (e-mails): one key, <c>Learning:Notifications:PublicBaseUrl</c>,
/// read here by the notifications module (mail links, unsubscribe addresses) and by the accounts' invitation and
/// password-reset links, validated even when the notifications module is switched off.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Learning:Notifications";

    /// <summary>The site's public address (<c>https://hoctap.khanhhoa.gov.vn</c>).</summary>
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary><paramref name="pathAndQuery"/> (<c>/Account/SetPassword?…</c>) under the public address.</summary>
    public string Absolute(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        return PublicBaseUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');
    }
}
