using System.ComponentModel.DataAnnotations;

namespace Learning.Courses;

/// <summary><c>Learning:Courses</c>.</summary>
public sealed class CoursesOptions
{
    public const string Section = "Learning:Courses";

    /// <summary>Where lesson files and images are stored; a shared path when several web nodes run. Default: App_Data/course-files.</summary>
    public string? FilesPath { get; set; }

    /// <summary>Largest lesson file or image.</summary>
    [Range(typeof(long), "1024", "4294967296")]
    public long MaxFileBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Re-apply standing assignments to cadres who arrived since (cohort sync), as a recurring job.</summary>
    public bool RunAssignmentSync { get; set; } = true;

    /// <summary>How often the cohort sync runs.</summary>
    [Range(1, 7 * 24 * 60)]
    public int AssignmentSyncMinutes { get; set; } = 10;
}
