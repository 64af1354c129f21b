namespace Learning.Quizzes.Data;

/// <summary>
/// A question of the bank: its identity and where it lives. What it says is in its versions; <see cref="CurrentVersionId"/>
/// is the one new attempts draw. Editing a version that an attempt used makes a new version, so past attempts keep exactly
/// what the cadre saw.
/// </summary>
public sealed class Question
{
    public int Id { get; set; }

    public int CategoryId { get; set; }

    /// <summary>Stable key for recipes and re-imports (unique), e.g. <c>cks-01</c>.</summary>
    public string Key { get; set; } = "";

    public int CurrentVersionId { get; set; }

    /// <summary>Copied from the current version for lists and search.</summary>
    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public string SearchText { get; set; } = "";

    /// <summary>Hidden from the bank and from random draws; kept because attempts refer to it.</summary>
    public bool Archived { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
