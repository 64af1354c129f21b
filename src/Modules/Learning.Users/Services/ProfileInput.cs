namespace Learning.Users.Services;

/// <summary>What a person may change on their own account: a profile form's values, as posted.</summary>
public sealed record ProfileInput(string? DisplayName, string? PhoneNumber, string? Culture, IReadOnlyDictionary<string, string?> Preferences);
