namespace Learning.Modularity;

/// <summary>What the account page shows for one module's preference: a labelled choice, with the current value.</summary>
public sealed record AccountPreferenceField(string Name, string Label, string? Hint, string Value, IReadOnlyList<AccountPreferenceOption> Options);
