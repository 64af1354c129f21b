namespace Learning.Certificates.Data;

/// <summary>What makes a cadre of a province ready: a learning path (its courses as they are now), or a list of courses.</summary>
public sealed class ReadinessRequirement
{
    public int Id { get; set; }

    /// <summary>The province: a top unit of the organisation tree.</summary>
    public int ProvinceUnitId { get; set; }

    public int? PathId { get; set; }

    /// <summary>Course ids, comma-separated, when no path is chosen.</summary>
    public string CourseIds { get; set; } = "";

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedBy { get; set; }
}
