using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Learning.Modularity;

/// <summary>What a phone number or an e-mail address typed by a person may look like (hotlines' phone/Zalo/e-mail, a
/// cadre's phone on their account page): a phone number is digits with the usual separators; null means not given.</summary>
public static partial class ContactFormats
{
    public static bool IsPhone(string? value) => value is null || (PhonePattern().IsMatch(value) && value.Count(char.IsAsciiDigit) is >= 3 and <= 15);

    public static bool IsEmail(string? value) =>
        value is null || (MailAddress.TryCreate(value, out var address) && address.Address == value && !value.Contains(' ', StringComparison.Ordinal));

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-()]{1,24}$")]
    private static partial Regex PhonePattern();
}
