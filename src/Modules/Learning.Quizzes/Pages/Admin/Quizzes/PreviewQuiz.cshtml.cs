using System.Security.Cryptography;
using System.Text.Json;
using Learning.Modularity;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>
/// A whole quiz as a cadre meets it (Moodle's "Preview quiz"), for its trainer: the questions drawn as a start draws them
/// (fixed slots, random ones from their categories, the quiz's shuffles), on the quiz's pages, with its time limit and pass
/// mark stated. The trainer answers and checks: every question is graded by the attempt's grader, the total set against the
/// pass mark, and the review shows what the quiz's review options let a cadre see at the moment chosen (or everything).
/// Nothing is stored: no attempt is used up, no result, no statistic, no event. The draw travels with the form, sealed by the
/// data protection, so the check grades the versions that were shown (a question edited meanwhile is a new version; the shown
/// one stays), and a tampered draw is refused; a draw over 12 hours old, or of another quiz, is drawn anew.
/// </summary>
[RequirePermission(Permissions.Names.Author)]
public sealed class PreviewQuizModel(QuizCatalog catalog, AttemptPages pages, IDataProtectionProvider protection, IStringLocalizer<QuizzesStrings> t) : PageModel
{
    /// <summary>The review moments a check can show, each with its string <c>PreviewQuiz.Moment.*</c>.</summary>
    public static readonly IReadOnlyList<string> Moments = ["immediately", "later", "closed", "all"];

    private static readonly TimeSpan DrawLifetime = TimeSpan.FromHours(12);

    private string moment = Moments[0];

    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Learning.Quizzes.PreviewQuiz").ToTimeLimitedDataProtector();

    public Quiz Quiz { get; private set; } = null!;

    /// <summary>The sealed draw, sent back with the answers.</summary>
    public string Draw { get; private set; } = "";

    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];

    public int Pages => Questions.Count == 0 ? 0 : Questions.Max(q => q.Page) + 1;

    /// <summary>Each slot's question in the bank, for the links to edit it.</summary>
    public IReadOnlyDictionary<int, int> QuestionIds { get; private set; } = new Dictionary<int, int>();

    /// <summary>Which review moment the check shows: <c>immediately</c>, <c>later</c>, <c>closed</c> or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string Moment { get => moment; set => moment = Moments.Contains(value) ? value : Moments[0]; }

    /// <summary>Set once the answers are checked.</summary>
    public PreviewScore? Score { get; private set; }

    /// <summary>Answers that could not be checked, each with its question's number.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Set when the posted draw was too old, tampered with or another quiz's: the page shows a fresh one.</summary>
    public bool Redrawn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(key ?? "", cancellationToken) is not { } quiz)
        {
            return NotFound();
        }

        Quiz = quiz;
        await DrawAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, string? draw, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(key ?? "", cancellationToken) is not { } quiz)
        {
            return NotFound();
        }

        Quiz = quiz;
        if (await ReadDrawAsync(draw, cancellationToken) is not { } questions)
        {
            Redrawn = true;
            await DrawAsync(cancellationToken);
            return Page();
        }

        Draw = draw!;
        var answers = new Dictionary<int, QuestionResponse>();
        for (var page = 0; page <= questions.Max(q => q.Page); page++)
        {
            foreach (var answer in pages.ReadForm(questions, page, name => Request.Form[name].OfType<string>().ToList()))
            {
                answers[answer.Slot] = answer.Response;
            }
        }

        var problems = new List<string>();
        var answered = new List<QuestionView>();
        var graded = new List<QuestionView>();
        foreach (var q in questions)
        {
            var response = answers.TryGetValue(q.Slot, out var shown) ? AnswerKeys.ToIds(q.Question, q.Order, shown) : new QuestionResponse();
            if (QuestionGrader.Check(q.Question, response) is { } problem)
            {
                problems.Add(t["PreviewQuiz.Problem", q.Slot, t[problem]]);
                answered.Add(q); // what cannot be read is asked again; the other answers stay on the page
                continue;
            }

            answered.Add(q with { Response = response });
            var fraction = QuestionGrader.Grade(q.Question, response).Fraction;
            graded.Add(q with { Response = response, Fraction = fraction is { } f ? Math.Round((decimal)f, 6) : null, Show = Shown() });
        }

        if (problems.Count > 0)
        {
            Problems = problems;
            Questions = answered;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Questions = graded;
        // Totalled and rounded as an attempt's grade is (AttemptGrading, QuizGrading.PercentOf), so a borderline pass is the same.
        var total = Math.Round(graded.Sum(q => (q.Fraction ?? 0) * q.Mark), 3);
        var max = graded.Sum(q => q.Mark);
        var pending = graded.Count(q => q.Fraction is null);
        var percent = QuizGrading.PercentOf(new Attempt { Score = total, MaxScore = max });
        Score = new(total, max, percent, pending, pending == 0 && percent >= quiz.PassPercent);
        return Page();
    }

    /// <summary>What the chosen moment's review options show (everything for <c>all</c>).</summary>
    public ReviewItems Shown() => Moment switch
    {
        "later" => Quiz.ReviewLaterOpen,
        "closed" => Quiz.ReviewAfterClose,
        "all" => ReviewItems.All,
        _ => Quiz.ReviewImmediately,
    } | ReviewItems.Answer;

    private async Task DrawAsync(CancellationToken cancellationToken)
    {
        var (drawn, definitions) = await catalog.DrawAsync(Quiz, new Random(RandomNumberGenerator.GetInt32(int.MaxValue)), cancellationToken);
        var payload = new SealedDraw(Quiz.Id, [.. drawn.Select(q => new SealedQuestion(q.Slot, q.Page, q.QuestionVersionId, q.Mark, q.OptionOrder, q.QuestionId))]);
        QuestionIds = payload.Questions.ToDictionary(q => q.Slot, q => q.QuestionId);
        Draw = protector.Protect(JsonSerializer.Serialize(payload), DrawLifetime);
        Questions = [.. drawn.Select(q => View(q.Slot, q.Page, q.QuestionVersionId, q.Mark, q.OptionOrder, definitions[q.QuestionVersionId]))];
    }

    /// <summary>The questions of a sealed draw of this quiz, or null when it is not one (tampered, expired, another quiz's).</summary>
    private async Task<List<QuestionView>?> ReadDrawAsync(string? draw, CancellationToken cancellationToken)
    {
        SealedDraw? sealedDraw;
        try
        {
            sealedDraw = JsonSerializer.Deserialize<SealedDraw>(protector.Unprotect(draw ?? ""));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }

        if (sealedDraw is not { Questions.Count: > 0 } || sealedDraw.QuizId != Quiz.Id)
        {
            return null;
        }

        QuestionIds = sealedDraw.Questions.ToDictionary(q => q.Slot, q => q.QuestionId);
        var definitions = await catalog.DefinitionsAsync(sealedDraw.Questions.Select(q => q.VersionId), cancellationToken);
        return sealedDraw.Questions.All(q => definitions.ContainsKey(q.VersionId))
            ? [.. sealedDraw.Questions.Select(q => View(q.Slot, q.Page, q.VersionId, q.Mark, q.Order, definitions[q.VersionId]))]
            : null;
    }

    private QuestionView View(int slot, int page, int versionId, decimal mark, string order, QuestionDefinition definition) =>
        new(slot, page, definition, AnswerKeys.Order(order), null, 0, mark, null, null, ReviewItems.None, catalog.TextHtml(versionId, definition));
}

/// <summary>What a preview's form carries, sealed: the quiz and each question as drawn.</summary>
internal sealed record SealedDraw(int QuizId, List<SealedQuestion> Questions);

internal sealed record SealedQuestion(int Slot, int Page, int VersionId, decimal Mark, string Order, int QuestionId);

/// <summary>A preview's total: marks, the most there are, the percent, essays left to a grader, and whether it passes.</summary>
public sealed record PreviewScore(decimal Total, decimal Max, decimal Percent, int Pending, bool Passed);
