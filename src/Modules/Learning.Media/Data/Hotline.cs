namespace Learning.Media.Data;

/// <summary>A professional support line for one field, national or for a province or commune (by org path).</summary>
public sealed class Hotline
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    public string Field { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Org path of the province or commune it serves; null for every unit.</summary>
    public string? OrgPath { get; set; }

    public string? OrgName { get; set; }

    public string? Phone { get; set; }

    public string? Zalo { get; set; }

    public string? Email { get; set; }

    public string? Hours { get; set; }

    public int SortOrder { get; set; }
}
