using System.ComponentModel.DataAnnotations;

namespace Learning.Quizzes;

/// <summary><c>Learning:Quizzes</c>.</summary>
public sealed class QuizzesOptions
{
    public const string Section = "Learning:Quizzes";

    /// <summary>
    /// How long after an attempt's deadline a save still counts (it left the phone before the deadline and crossed a slow
    /// network), and after which the server submits the attempt itself.
    /// </summary>
    [Range(0, 600)]
    public int GraceSeconds { get; set; } = 30;

    /// <summary>Submit attempts whose time ran out while the cadre was gone, as a recurring job.</summary>
    public bool RunTimeoutSweep { get; set; } = true;

    /// <summary>How often that job looks.</summary>
    [Range(5, 3600)]
    public int TimeoutSweepSeconds { get; set; } = 30;
}
