using System.Globalization;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>One attempt as the trainer sees it: every answer with the right one, the log, and grading, reopening.</summary>
[RequirePermission(Permissions.Names.Grade)]
public sealed class AttemptModel(
    LearningDbContext db,
    AttemptService attempts,
    AttemptPages pages,
    QuizCatalog catalog,
    QuizResults results,
    TrainerGrading grading,
    ICadreDirectory cadres,
    IOrganizationScopeService scopes,
    IStringLocalizer<QuizzesStrings> t) : PageModel
{
    /// <summary>The reader's scope, read by <see cref="LoadAsync"/> (nothing before it).</summary>
    private OrgScope scope = new(false, []);

    public sealed record LogLine(DateTime AtUtc, string Kind, string Actor, string? Detail);

    public Attempt Attempt { get; private set; } = default!;

    public Quiz Quiz { get; private set; } = default!;

    public CadreProfile? Cadre { get; private set; }

    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];

    public IReadOnlyList<LogLine> Log { get; private set; } = [];

    /// <summary>The next attempt of the grading queue (in the trainer's scope), so grading goes on from one to the next.</summary>
    public Guid? NextToGrade { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Questions = await pages.QuestionsAsync(Attempt, ReviewItems.All, cancellationToken);
        NextToGrade = await results.NextWaitingAsync(scope, Attempt.PublicId, cancellationToken);
        var events = await db.Set<AttemptEvent>().AsNoTracking().Where(e => e.AttemptId == Attempt.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var actors = events.Select(e => e.ActorId).OfType<string>().Where(a => a != AttemptService.Timer && a != Attempt.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => actors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Log = [.. events.Select(e => new LogLine(e.AtUtc, e.Kind, e.ActorId switch
        {
            null or AttemptService.Timer => t["Admin.System"],
            var a when a == Attempt.UserId => Cadre?.FullName ?? a,
            var a => names.GetValueOrDefault(a) ?? a,
        }, e.Detail))];
        return Page();
    }

    /// <summary>Grades one question: <paramref name="marks"/> out of the question's mark, or <paramref name="fraction"/> in [0, 1].</summary>
    public async Task<IActionResult> OnPostGradeAsync(Guid id, int slot, string? marks, string? fraction, string? comment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var question = Attempt.Questions.FirstOrDefault(q => q.Slot == slot);
        decimal? share = question is null ? null
            : Read(fraction) is { } f ? f
            : Read(marks) is { } m && question.Mark > 0 ? m / question.Mark : null;
        var done = share is { } s && s is >= 0 and <= 1
            && await grading.GradeAsync(Attempt.Id, slot, s, comment, User.RequiredUserId(), cancellationToken);
        Message = done ? t["Admin.GradeSaved"] : t["Admin.GradeInvalid"];
        return Redirect($"/Admin/Quizzes/Attempt/{id}#question-{slot}");
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Message = await grading.ReopenAsync(Attempt.Id, User.RequiredUserId(), cancellationToken) ? t["Admin.Reopened"] : t["Admin.ReopenRefused"];
        return Redirect($"/Admin/Quizzes/Attempt/{id}");
    }

    private static decimal? Read(string? value) =>
        decimal.TryParse(value?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await attempts.LoadAsync(id, cancellationToken) is not { } attempt || await catalog.FindAsync(attempt.QuizId, cancellationToken) is not { } quiz)
        {
            return false;
        }

        scope = await scopes.GetScopeAsync(User, cancellationToken);
        if (!await results.ContainsAsync(scope, attempt.UserId, cancellationToken))
        {
            return false;
        }

        (Attempt, Quiz) = (attempt, quiz);
        Cadre = await cadres.FindByUserAsync(attempt.UserId, cancellationToken);
        return true;
    }
}
