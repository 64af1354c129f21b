namespace Learning.Courses;

/// <summary>Marker for this module's resources.</summary>
public sealed class CoursesStrings;
