namespace Learning.Quizzes.Data;

/// <summary>One version of a question: its <see cref="Services.QuestionDefinition"/> as JSON. Never changed once an attempt used it.</summary>
public sealed class QuestionVersion
{
    public int Id { get; set; }

    public int QuestionId { get; set; }

    public int Number { get; set; }

    public string Definition { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public string? CreatedBy { get; set; }
}
