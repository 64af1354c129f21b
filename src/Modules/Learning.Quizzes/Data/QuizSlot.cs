namespace Learning.Quizzes.Data;

/// <summary>
/// One place in a quiz: a fixed question (<see cref="QuestionId"/>) or <see cref="RandomCount"/> questions drawn per attempt
/// from <see cref="CategoryId"/> (and its subcategories when <see cref="IncludeSubcategories"/>).
/// </summary>
public sealed class QuizSlot
{
    public int Id { get; set; }

    public int QuizId { get; set; }

    public int Position { get; set; }

    public int? QuestionId { get; set; }

    public int? CategoryId { get; set; }

    public int RandomCount { get; set; }

    public bool IncludeSubcategories { get; set; }

    /// <summary>Mark of each question this slot places.</summary>
    public decimal Mark { get; set; } = 1;
}
