using System.Security.Cryptography;
using System.Text.Json;
using Learning.Modularity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Learning.Notifications.Services.Preferences;

/// <summary>
/// The one-click unsubscribe link of a non-essential e-mail (RFC 8058): a token signed and encrypted by Data Protection under
/// its own purpose, naming the person and the categories the message stood for. It is the credential (a mail client posts to it
/// without a session), so it is not time-limited: an old message's link keeps working while the key ring holds its key.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection, IOptions<PublicAddressOptions> address)
{
    private readonly IDataProtector protector = protection.CreateProtector("Learning.Notifications.Unsubscribe.v1");

    public string Create(string userId, IReadOnlyCollection<string> categories)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        if (categories.Count == 0 || categories.Any(c => !NotificationPreferences.IsOptional(c)))
        {
            throw new ArgumentException("Only optional categories can be unsubscribed from.", nameof(categories));
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(userId, [.. categories.Distinct(StringComparer.Ordinal)]));
        return WebEncoders.Base64UrlEncode(protector.Protect(payload));
    }

    /// <summary>The absolute address of the confirmation page, which also takes the one-click POST.</summary>
    public string Url(string userId, IReadOnlyCollection<string> categories) =>
        address.Value.Absolute($"/Notifications/Unsubscribe/{Create(userId, categories)}");

    /// <summary>The request a token carries, or null when it was not made here (tampered, truncated, another purpose).</summary>
    public UnsubscribeRequest? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            if (payload is null || string.IsNullOrEmpty(payload.U) || payload.C is not { Length: > 0 } categories || categories.Any(c => !NotificationPreferences.IsOptional(c)))
            {
                return null;
            }

            return new UnsubscribeRequest(payload.U, categories);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Payload(string U, string[] C);
}
