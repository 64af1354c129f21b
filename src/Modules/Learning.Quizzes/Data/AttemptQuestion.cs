namespace Learning.Quizzes.Data;

/// <summary>
/// One question of an attempt: the version shown, its place, the option order drawn for this attempt, the latest saved
/// response (with the browser's sequence number, so a late offline save never overwrites a newer one) and its grade.
/// </summary>
public sealed class AttemptQuestion
{
    public long Id { get; set; }

    public long AttemptId { get; set; }

    /// <summary>1-based order in the attempt.</summary>
    public int Slot { get; set; }

    public int Page { get; set; }

    public int QuestionId { get; set; }

    public int QuestionVersionId { get; set; }

    /// <summary>The option (or matching answer) ids in the order shown, comma-separated.</summary>
    public string OptionOrder { get; set; } = "";

    public decimal Mark { get; set; }

    /// <summary><see cref="Services.QuestionResponse"/> as JSON; null = not answered.</summary>
    public string? Response { get; set; }

    public long Sequence { get; set; }

    public DateTime? SavedUtc { get; set; }

    /// <summary>Share of <see cref="Mark"/> obtained; null until graded (essays until a trainer grades them).</summary>
    public decimal? Fraction { get; set; }

    public string? GraderComment { get; set; }

    public string? GradedBy { get; set; }
}
