namespace Learning.Modularity;

/// <summary>A choice of one value on the account page ("Hồ sơ của tôi").</summary>
public sealed record AccountPreferenceOption(string Value, string Label);
