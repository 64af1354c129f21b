using Learning.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Users.Services.Tokens;

/// <summary>The tokens of invitation links (lifespan <see cref="SecurityOptions"/>).</summary>
public sealed class InvitationTokenProvider(
    IDataProtectionProvider dataProtectionProvider,
    IOptions<InvitationTokenOptions> options,
    ILogger<DataProtectorTokenProvider<LearningUser>> logger,
    TimeProvider clock)
    : AccountLinkTokenProvider(dataProtectionProvider, options, logger, clock)
{
    public const string ProviderName = "Invitation";
}
