namespace Learning.Quizzes.Data;

/// <summary>
/// An accommodation, for one cadre (<see cref="UserId"/>) or for everyone in a unit and the units under it (<see cref="UnitPath"/>): extra time or a
/// time multiplier, extra attempts, another close date. A cadre's own override wins over their unit's.
/// </summary>
public sealed class QuizOverride
{
    public int Id { get; set; }

    public int QuizId { get; set; }

    public string? UserId { get; set; }

    /// <summary>The unit's organisation path (cadres whose path starts with it are covered).</summary>
    public string? UnitPath { get; set; }

    public int ExtraTimeSeconds { get; set; }

    /// <summary>1 = none; 1.5 = half as much time again (applied before <see cref="ExtraTimeSeconds"/>).</summary>
    public decimal TimeMultiplier { get; set; } = 1;

    public int ExtraAttempts { get; set; }

    public DateTime? ClosesUtc { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedUtc { get; set; }
}
