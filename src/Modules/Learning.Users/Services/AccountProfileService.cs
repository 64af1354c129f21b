using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Learning.Users.Services;

/// <summary>
/// Self-service for every signed-in person (cadres first): their name, phone, language and modules' preferences, and their
/// password. Everything posted is checked before anything is stored; a refused form changes nothing. Each change is audited.
/// </summary>
public sealed class AccountProfileService(
    UserManager<LearningUser> users,
    LearningDbContext db,
    IAuditTrail audit,
    IEnumerable<IAccountPreference> preferences,
    IStringLocalizer<UsersStrings> t)
{
    public const int DisplayNameMaxLength = 200;

    public async Task<ProfileView> LoadAsync(LearningUser user, CancellationToken cancellationToken)
    {
        var fields = new List<AccountPreferenceField>();
        foreach (var preference in preferences)
        {
            fields.Add(await preference.ReadAsync(user.Id, cancellationToken));
        }

        return new(user.Email ?? "", user.DisplayName, user.PhoneNumber, user.PreferredCulture ?? LocalTime.SupportedCultures[0].Name, fields);
    }

    /// <summary>Validates the whole form, then stores it in one transaction. Returns the problems found (none when saved).</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(LearningUser user, ProfileInput input, CancellationToken cancellationToken)
    {
        var name = input.DisplayName?.Trim() ?? "";
        var phone = string.IsNullOrWhiteSpace(input.PhoneNumber) ? null : input.PhoneNumber.Trim();
        var culture = LocalTime.SupportedCultures.FirstOrDefault(c => c.Name == input.Culture)?.Name;
        var errors = new List<string>();
        if (name.Length == 0 || name.Length > DisplayNameMaxLength)
        {
            errors.Add(t["Account.NameRequired", DisplayNameMaxLength]);
        }

        if (!ContactFormats.IsPhone(phone))
        {
            errors.Add(t["Account.PhoneInvalid"]);
        }

        if (culture is null)
        {
            errors.Add(t["Account.CultureInvalid"]);
        }

        var view = await LoadAsync(user, cancellationToken);
        foreach (var field in view.Preferences)
        {
            if (input.Preferences.GetValueOrDefault(field.Name) is { } value && !field.Options.Any(o => o.Value == value))
            {
                errors.Add(t["Account.PreferenceInvalid", field.Label]);
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var changed = new List<string>();
        await db.InTransactionAsync(async ct =>
        {
            var target = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("The account disappeared.");
            changed.Clear();
            Change(name != target.DisplayName, "họ tên", () => target.DisplayName = name);
            Change(phone != target.PhoneNumber, "điện thoại", () => target.PhoneNumber = phone);
            Change(culture != target.PreferredCulture, "ngôn ngữ", () => target.PreferredCulture = culture);
            foreach (var preference in preferences)
            {
                var value = input.Preferences.GetValueOrDefault(preference.Name);
                if (value is not null && value != view.Preferences.First(p => p.Name == preference.Name).Value)
                {
                    await preference.SaveAsync(target.Id, value, ct);
                    changed.Add(preference.Name);
                }
            }

            if (changed.Count > 0)
            {
                audit.Record("account.profile.changed", target.Email, string.Join(", ", changed));
            }

            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        user.DisplayName = name;
        user.PhoneNumber = phone;
        user.PreferredCulture = culture;
        return [];

        void Change(bool differs, string what, Action apply)
        {
            if (differs)
            {
                apply();
                changed.Add(what);
            }
        }
    }

    /// <summary>
    /// Changes the password after checking the current one. A wrong current password counts as a failed sign-in, so guessing
    /// it here locks the account as the sign-in page would (<see cref="PasswordChange.LockedOut"/>).
    /// </summary>
    public async Task<(PasswordChange Outcome, IReadOnlyList<string> Errors)> ChangePasswordAsync(LearningUser user, string? current, string? next, string? confirm)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next))
        {
            return (PasswordChange.Refused, [t["Account.PasswordRequired"]]);
        }

        if (next != confirm)
        {
            return (PasswordChange.Refused, [t["Account.PasswordMismatch"]]);
        }

        if (!await users.CheckPasswordAsync(user, current))
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                audit.Record("auth.signin.locked", user.Email);
                await db.SaveChangesAsync();
                return (PasswordChange.LockedOut, [t["Account.LockedOut"]]);
            }

            audit.Record("account.password.wrong", user.Email);
            await db.SaveChangesAsync();
            return (PasswordChange.Refused, [t["Account.CurrentPasswordWrong"]]);
        }

        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
        {
            return (PasswordChange.Refused, result.Errors.Select(e => e.Description).ToList());
        }

        await users.ResetAccessFailedCountAsync(user);
        audit.Record("account.password.changed", user.Email);
        await db.SaveChangesAsync();
        return (PasswordChange.Changed, []);
    }
}
