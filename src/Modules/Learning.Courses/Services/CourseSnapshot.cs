using System.Text.Json;

namespace Learning.Courses.Services;

public sealed record LessonSnapshot(
    string Key,
    string Title,
    string Kind,
    bool Required,
    bool MarkAsDone,
    int Minutes,
    string Html,
    string? Url,
    string? FileName,
    string? FileDisplayName,
    string? Reference,
    string? PrerequisiteLessonKey);

public sealed record ModuleSnapshot(string Key, string Title, IReadOnlyList<LessonSnapshot> Lessons);

/// <summary>What learners see of a course: one published version, content already rendered to safe HTML.</summary>
public sealed record CourseSnapshot(
    int CourseId,
    string Slug,
    int Version,
    string Title,
    string Summary,
    string Topic,
    string Language,
    decimal EstimatedHours,
    bool Sequential,
    IReadOnlyList<ModuleSnapshot> Modules)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IEnumerable<LessonSnapshot> Lessons => Modules.SelectMany(m => m.Lessons);

    public IReadOnlyList<string> RequiredKeys => Lessons.Where(l => l.Required).Select(l => l.Key).ToList();

    public LessonSnapshot? Find(string key) => Lessons.FirstOrDefault(l => l.Key == key);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static CourseSnapshot FromJson(string json) => JsonSerializer.Deserialize<CourseSnapshot>(json, Json)!;
}
