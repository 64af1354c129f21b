namespace Learning.Reports.Data;

/// <summary>The training hours a cadre of a position should reach in a year (e.g. 2026, "Công chức", 16 h). Hours come from
/// sources (<see cref="HourSources"/>): today the completed online courses; in-person training can be added as another source
/// without touching targets.</summary>
public sealed class HourTarget
{
    public int Id { get; set; }

    public int Year { get; set; }

    public string Position { get; set; } = "";

    public decimal Hours { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedBy { get; set; }
}
