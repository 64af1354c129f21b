namespace Learning.Quizzes.Data;

/// <summary>
/// A folder of the question bank. <see cref="CourseSlug"/> null = the province's shared bank; otherwise the course's own
/// bank. Nested through <see cref="ParentId"/>; a quiz can draw random questions from a category (and its children).
/// </summary>
public sealed class QuestionCategory
{
    public int Id { get; set; }

    public int? ParentId { get; set; }

    public string? CourseSlug { get; set; }

    public string Name { get; set; } = "";

    public string Info { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
