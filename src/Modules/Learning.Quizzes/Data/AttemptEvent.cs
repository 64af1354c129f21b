namespace Learning.Quizzes.Data;

/// <summary>The attempt log a trainer reads: started, saves, page changes, submitted (and by whom), reopened, re-graded.</summary>
public sealed class AttemptEvent
{
    public long Id { get; set; }

    public long AttemptId { get; set; }

    public DateTime AtUtc { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>Who did it: the cadre, a trainer, or <c>timer</c>.</summary>
    public string? ActorId { get; set; }

    public string? Detail { get; set; }
}
