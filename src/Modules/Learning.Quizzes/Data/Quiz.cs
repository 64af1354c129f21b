namespace Learning.Quizzes.Data;

/// <summary>A quiz: settings and slots. A lesson of kind quiz shows it (the lesson's reference is <see cref="Key"/>).</summary>
public sealed class Quiz
{
    public int Id { get; set; }

    /// <summary>Stable key for lesson references, recipes and URLs.</summary>
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>Markdown shown before the start button.</summary>
    public string Intro { get; set; } = "";

    /// <summary>The course whose bank it draws from by default, and whose trainers edit it; null = a province quiz.</summary>
    public string? CourseSlug { get; set; }

    /// <summary>Null = no limit.</summary>
    public int? TimeLimitSeconds { get; set; }

    /// <summary>0 = unlimited.</summary>
    public int AttemptsAllowed { get; set; }

    public GradingMethod GradingMethod { get; set; } = GradingMethod.Highest;

    /// <summary>Percent of the maximum needed to pass (and to complete the lesson).</summary>
    public decimal PassPercent { get; set; } = 80;

    public int QuestionsPerPage { get; set; } = 2;

    public bool ShuffleQuestions { get; set; } = true;

    public bool ShuffleOptions { get; set; } = true;

    public DateTime? OpensUtc { get; set; }

    public DateTime? ClosesUtc { get; set; }

    public int DelayBetweenAttemptsSeconds { get; set; }

    /// <summary>What the cadre sees, per moment (Moodle's four review columns), as <see cref="ReviewItems"/> flags.</summary>
    public ReviewItems ReviewDuring { get; set; } = ReviewItems.Answer;

    public ReviewItems ReviewImmediately { get; set; } = ReviewItems.Answer | ReviewItems.Correctness | ReviewItems.Marks | ReviewItems.Feedback;

    public ReviewItems ReviewLaterOpen { get; set; } = ReviewItems.Answer | ReviewItems.Correctness | ReviewItems.Marks | ReviewItems.Feedback;

    public ReviewItems ReviewAfterClose { get; set; } = ReviewItems.All;

    /// <summary>
    /// Moodle's "overall feedback": a text per band of the attempt's percent (<see cref="Services.OverallFeedback"/>, JSON),
    /// shown with the score wherever the review options show marks. Null: none.
    /// </summary>
    public string? OverallFeedback { get; set; }

    /// <summary>
    /// Moodle's "require password": a word a cadre must type to start an attempt (an exam held in a hall, given out on the day),
    /// or null. Not a personal secret: the quiz's trainers see it in the editor to announce it. Resuming an attempt needs none.
    /// </summary>
    public string? Password { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public List<QuizSlot> Slots { get; set; } = [];
}
