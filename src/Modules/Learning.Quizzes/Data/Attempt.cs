namespace Learning.Quizzes.Data;

/// <summary>
/// One attempt of one cadre at a quiz. Its questions, their order and the option order are fixed at start
/// (<see cref="AttemptQuestion"/>), so a reload, another tab or another phone resumes exactly the same attempt.
/// </summary>
public sealed class Attempt
{
    public long Id { get; set; }

    /// <summary>What URLs carry (a guess-proof id): another cadre's attempt is a 404.</summary>
    public Guid PublicId { get; set; }

    public int QuizId { get; set; }

    public string UserId { get; set; } = "";

    public int Number { get; set; }

    public AttemptState State { get; set; }

    /// <summary>Where the attempt was started from, so passing completes that lesson.</summary>
    public int? CourseId { get; set; }

    public string? CourseSlug { get; set; }

    public string? LessonKey { get; set; }

    public DateTime StartedUtc { get; set; }

    /// <summary>Server clock; null = no time limit. Accommodations are applied when the attempt starts (and on reopening).</summary>
    public DateTime? DeadlineUtc { get; set; }

    public DateTime? SubmittedUtc { get; set; }

    /// <summary>Who submitted: the cadre's id, or <c>timer</c> when the server closed it at its deadline.</summary>
    public string? SubmittedBy { get; set; }

    public int CurrentPage { get; set; }

    public int PageCount { get; set; }

    /// <summary>Marks obtained (null until graded); essays count once graded.</summary>
    public decimal? Score { get; set; }

    public decimal MaxScore { get; set; }

    public bool Passed { get; set; }

    public DateTime? GradedUtc { get; set; }

    /// <summary>
    /// The questions as drawn (<see cref="AttemptDraw"/>) while no <see cref="AttemptQuestion"/> row is written; null once they
    /// are (the first save, or the submission), and for attempts stored before drafts were kept on the row.
    /// </summary>
    public string? Drawn { get; set; }

    /// <summary>
    /// The slots the cadre flagged to come back to (<see cref="Services.AttemptFlags"/>: "3,7"), null when none: kept with the
    /// attempt, so a reload or another phone shows them, and the summary before submitting lists them.
    /// </summary>
    public string? Flagged { get; set; }

    public List<AttemptQuestion> Questions { get; set; } = [];

    public List<AttemptEvent> Events { get; set; } = [];
}
