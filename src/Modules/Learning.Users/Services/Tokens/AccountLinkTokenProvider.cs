using System.Text;
using Learning.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Users.Services.Tokens;

/// <summary>
/// Identity's <see cref="DataProtectorTokenProvider{TUser}"/> for links sent by e-mail, each kind with its own protector (its
/// options' name) and lifespan. The token holds what Identity's holds (creation time, account, purpose, security stamp), but
/// its time comes from the <see cref="TimeProvider"/> (tests move a clock; Identity reads the system clock), and
/// <see cref="InspectAsync"/> tells why a link is refused: a person is told their link expired, or was used, not just "invalid".
/// A link is used once because setting the password changes the security stamp the token carries.
/// </summary>
public abstract class AccountLinkTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<LearningUser>> logger,
    TimeProvider clock)
    : DataProtectorTokenProvider<LearningUser>(dataProtectionProvider, options, logger)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override async Task<string> GenerateAsync(string purpose, UserManager<LearningUser> manager, LearningUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer, Utf8, leaveOpen: true))
        {
            writer.Write(clock.GetUtcNow().UtcTicks);
            writer.Write(await manager.GetUserIdAsync(user));
            writer.Write(purpose ?? "");
            writer.Write(await manager.GetSecurityStampAsync(user) ?? "");
        }

        return WebEncoders.Base64UrlEncode(Protector.Protect(buffer.ToArray()));
    }

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<LearningUser> manager, LearningUser user) =>
        await InspectAsync(purpose, token, manager, user) == AccountLinkState.Valid;

    /// <summary>What a link's token is worth for this account and purpose.</summary>
    public async Task<AccountLinkState> InspectAsync(string purpose, string? token, UserManager<LearningUser> manager, LearningUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(token))
        {
            return AccountLinkState.Invalid;
        }

        (long Ticks, string UserId, string Purpose, string Stamp) content;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Protector.Unprotect(WebEncoders.Base64UrlDecode(token))), Utf8);
            content = (reader.ReadInt64(), reader.ReadString(), reader.ReadString(), reader.ReadString());
            if (reader.PeekChar() != -1)
            {
                return AccountLinkState.Invalid;
            }
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or EndOfStreamException or IOException or DecoderFallbackException or ArgumentException)
        {
            // Tampered, cut short, from another key ring or another kind of link: not a token of ours.
            return AccountLinkState.Invalid;
        }

        if (content.UserId != await manager.GetUserIdAsync(user) || !string.Equals(content.Purpose, purpose, StringComparison.Ordinal))
        {
            return AccountLinkState.Invalid;
        }

        if (!string.Equals(content.Stamp, await manager.GetSecurityStampAsync(user) ?? "", StringComparison.Ordinal))
        {
            // The password was set (with this link or another way) since the link was made.
            return AccountLinkState.Used;
        }

        return new DateTimeOffset(content.Ticks, TimeSpan.Zero) + Options.TokenLifespan < clock.GetUtcNow() ? AccountLinkState.Expired : AccountLinkState.Valid;
    }
}
