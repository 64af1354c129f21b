namespace Learning.Courses;

/// <summary><c>Learning:Courses</c>.</summary>
public sealed class CoursesOptions
{
    public const string Section = "Learning:Courses";

    /// <summary>Where lesson files and images are stored; a shared path when several web nodes run. Default: App_Data/course-files.</summary>
    public string? FilesPath { get; set; }

    public long MaxFileBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>How often standing assignments are re-applied to cadres who arrived since (cohort sync).</summary>
    public int AssignmentSyncMinutes { get; set; } = 10;
}
