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

    /// <summary>
    /// How many new attempts a node builds at once; more starters wait their turn in order. When a whole commune presses
    /// "start" at the same second, the node keeps serving the saves of those already answering, and builds the queued
    /// attempts one after the other instead of all at once (0: the node's processor count × 4).
    /// </summary>
    [Range(0, 1000)]
    public int ConcurrentStarts { get; set; }

    /// <summary>
    /// How many starts at most are read in one query and stored in one transaction: starts that arrive while a group is being
    /// read or written wait and go together in the next (a group commit). 1 reads and stores each start alone.
    /// </summary>
    [Range(1, 1000)]
    public int StartGroupSize { get; set; } = 100;

    /// <summary>
    /// For a quiz with an opening time: how many minutes before it a cadre who opens the quiz's page (or lesson) gets their
    /// attempt drawn and stored, not started (Moodle 5's pre-created attempts). At the opening, pressing "start" then only
    /// starts its clock, instead of drawing and storing an attempt while the whole exam presses the same button. 0: off, the
    /// default: on 2 cores it measured no faster than drawing at the start (ADR-030).
    /// </summary>
    [Range(0, 1440)]
    public int PrecreateMinutes { get; set; }

    /// <summary>How long an attempt drawn ahead and never started is kept (then deleted by the timeout sweep).</summary>
    [Range(1, 365)]
    public int KeepUnstartedDays { get; set; } = 2;

    /// <summary>Wrong start passwords a cadre may type for one quiz before starting it is refused for <see cref="PasswordLockMinutes"/>.</summary>
    [Range(1, 100)]
    public int PasswordTries { get; set; } = 5;

    /// <summary>How long the tries are counted from the first wrong one, and so how long a cadre who used them up waits.</summary>
    [Range(1, 1440)]
    public int PasswordLockMinutes { get; set; } = 10;
}
