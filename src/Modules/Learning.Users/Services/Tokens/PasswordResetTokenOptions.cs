using Microsoft.AspNetCore.Identity;

namespace Learning.Users.Services.Tokens;

/// <summary>The options of <see cref="PasswordResetTokenProvider"/>, set from <see cref="SecurityOptions"/>.</summary>
public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions;
