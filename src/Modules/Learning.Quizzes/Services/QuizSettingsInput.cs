using Learning.Quizzes.Data;

namespace Learning.Quizzes.Services;

/// <summary>The quiz editor's settings form, as the page binds it. Dates are the viewer's local time.</summary>
public sealed class QuizSettingsInput
{
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Intro { get; set; }

    public string? CourseSlug { get; set; }

    public int? TimeLimitMinutes { get; set; }

    public int AttemptsAllowed { get; set; }

    public GradingMethod GradingMethod { get; set; } = GradingMethod.Highest;

    public decimal PassPercent { get; set; } = 80;

    public int QuestionsPerPage { get; set; } = 2;

    public bool ShuffleQuestions { get; set; } = true;

    public bool ShuffleOptions { get; set; } = true;

    public DateTime? OpensLocal { get; set; }

    public DateTime? ClosesLocal { get; set; }

    public int DelayMinutes { get; set; }

    /// <summary>The start password (<see cref="Quiz.Password"/>); empty: none.</summary>
    public string? Password { get; set; }

    public List<ReviewItems> ReviewImmediately { get; set; } = [];

    public List<ReviewItems> ReviewLaterOpen { get; set; } = [];

    public List<ReviewItems> ReviewAfterClose { get; set; } = [];

    /// <summary>The overall feedback's rows as the form posts them (<see cref="OverallFeedback"/>).</summary>
    public List<FeedbackBandInput> Feedback { get; set; } = [];

    /// <summary>The rows with a text, as bands (no "from": 0 %).</summary>
    public IReadOnlyList<FeedbackBand> Bands =>
        [.. Feedback.Where(f => !string.IsNullOrWhiteSpace(f.Text)).Select(f => new FeedbackBand(f.From ?? 0, f.Text!.Trim()))];

    public static QuizSettingsInput From(Quiz quiz) => new()
    {
        Key = quiz.Key,
        Title = quiz.Title,
        Intro = quiz.Intro,
        CourseSlug = quiz.CourseSlug,
        TimeLimitMinutes = quiz.TimeLimitSeconds is { } s ? s / 60 : null,
        AttemptsAllowed = quiz.AttemptsAllowed,
        GradingMethod = quiz.GradingMethod,
        PassPercent = quiz.PassPercent,
        QuestionsPerPage = quiz.QuestionsPerPage,
        ShuffleQuestions = quiz.ShuffleQuestions,
        ShuffleOptions = quiz.ShuffleOptions,
        OpensLocal = quiz.OpensUtc is { } o ? Learning.Modularity.LocalTime.ToLocal(o) : null,
        ClosesLocal = quiz.ClosesUtc is { } c ? Learning.Modularity.LocalTime.ToLocal(c) : null,
        DelayMinutes = quiz.DelayBetweenAttemptsSeconds / 60,
        Password = quiz.Password,
        ReviewImmediately = Flags(quiz.ReviewImmediately),
        ReviewLaterOpen = Flags(quiz.ReviewLaterOpen),
        ReviewAfterClose = Flags(quiz.ReviewAfterClose),
        Feedback = [.. OverallFeedback.Read(quiz.OverallFeedback).Select(b => new FeedbackBandInput { From = b.From, Text = b.Text })],
    };

    public static ReviewItems Combine(IEnumerable<ReviewItems> items) => items.Aggregate(ReviewItems.None, (all, item) => all | (item & ReviewItems.All));

    private static List<ReviewItems> Flags(ReviewItems items) =>
        [.. Enum.GetValues<ReviewItems>().Where(i => i is not ReviewItems.None and not ReviewItems.All && items.HasFlag(i))];
}
