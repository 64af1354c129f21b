using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Learning.Users.Services;

/// <summary>Identity's messages in the user's language (Identity ships English only).</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<UsersStrings> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), t["Identity.PasswordTooShort", length]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), t["Identity.PasswordRequiresDigit"]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), t["Identity.PasswordRequiresLower"]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), t["Identity.PasswordRequiresUpper"]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), t["Identity.DuplicateEmail", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), t["Identity.DuplicateEmail", userName]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), t["Identity.InvalidEmail", email ?? ""]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), t["Identity.InvalidEmail", userName ?? ""]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
