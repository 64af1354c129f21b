using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Learning.Media.Services;

/// <summary>What a hotline's phone, Zalo and e-mail may hold: a phone number (digits with the usual separators) or an address.</summary>
public static partial class HotlineContact
{
    public static bool IsPhone(string? value) => value is null || (PhonePattern().IsMatch(value) && value.Count(char.IsAsciiDigit) is >= 3 and <= 15);

    public static bool IsEmail(string? value) =>
        value is null || (MailAddress.TryCreate(value, out var address) && address.Address == value && !value.Contains(' ', StringComparison.Ordinal));

    [GeneratedRegex(@"^\+?[0-9][0-9 .\-()]{1,24}$")]
    private static partial Regex PhonePattern();
}
