using Learning.Modularity;

namespace Learning.Users.Services;

/// <summary>The account page's content: the person's own details and every module's preferences (e.g. Media's data saver).</summary>
public sealed record ProfileView(string Email, string DisplayName, string? PhoneNumber, string Culture, IReadOnlyList<AccountPreferenceField> Preferences);
