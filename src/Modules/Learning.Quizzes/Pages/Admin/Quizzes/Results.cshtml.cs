using System.Globalization;
using Learning.Modularity;
using Learning.Organization;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>A quiz's attempts by the cadres in the trainer's scope, their CSV, the item analysis, and re-grading.</summary>
[RequirePermission(Permissions.Names.Grade)]
public sealed class ResultsModel(
    QuizResults results,
    TrainerGrading grading,
    QuizCatalog catalog,
    ICadreDirectory cadres,
    IOrganizationScopeService scopes,
    IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public Quiz Quiz { get; private set; } = default!;

    public IReadOnlyList<QuizResults.ResultRow> Rows { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The units the filter offers: around the chosen one at a country's scale.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    public QuizResults.Analysis? Analysis { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public AttemptState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // As Moodle's statistics report does by default: the attempts each cadre's grade is taken from, one per cadre (all for an average).
        var finished = QuizGrading.Graded(Quiz.GradingMethod, Rows.Where(r => r.State == AttemptState.Finished), r => r.UserId, r => r.Number, r => r.Percent)
            .Select(r => r.Id).ToList();
        Analysis = finished.Count > 0 ? await results.AnalyseAsync(finished, cancellationToken) : null;
        if (State is { } state)
        {
            Rows = [.. Rows.Where(r => r.State == state)];
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var rows = State is { } state ? Rows.Where(r => r.State == state) : Rows;
        IEnumerable<IEnumerable<string?>> lines =
        [
            [t["Admin.Cadre"], t["Admin.Unit"], t["Admin.AttemptNumber"], t["Admin.State"], t["Admin.Started"], t["Admin.Submitted"], t["Admin.ByTimer"], t["Admin.ScorePercent"], t["Admin.Passed"]],
            .. rows.Select(r => (IEnumerable<string?>)
            [
                r.CadreName, r.UnitName, r.Number.ToString(CultureInfo.InvariantCulture), t["AttemptState." + r.State], LocalTime.Format(r.StartedUtc),
                r.SubmittedUtc is { } s ? LocalTime.Format(s) : "", r.ByTimer ? t["Admin.Yes"] : "", r.Percent?.ToString("0.##", CultureInfo.InvariantCulture),
                r.State == AttemptState.Finished ? t[r.Passed ? "Admin.Yes" : "Admin.No"] : "",
            ]),
        ];
        return File(CsvExport.Bytes(lines), "text/csv; charset=utf-8", $"ket-qua-{Quiz.Key}.csv");
    }

    public async Task<IActionResult> OnPostRegradeAsync(CancellationToken cancellationToken)
    {
        if (Key is null || await catalog.FindAsync(Key, cancellationToken) is not { } quiz)
        {
            return NotFound();
        }

        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        var changed = await grading.RegradeAsync(quiz, results.InScope(scope), User.RequiredUserId(), cancellationToken);
        Message = t["Admin.Regraded", changed];
        return Redirect($"/Admin/Quizzes/Results?key={Uri.EscapeDataString(quiz.Key)}");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Key is null || await catalog.FindAsync(Key, cancellationToken) is not { } quiz)
        {
            return false;
        }

        Quiz = quiz;
        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        Units = await cadres.UnitsAsync(scope, cancellationToken);
        UnitChoices = OrgUnitTree.Choices(Units, Units.FirstOrDefault(u => u.Code == Unit)?.Path);
        var rows = await results.AttemptsAsync(quiz, scope, cancellationToken);
        if (Unit is not null && Units.FirstOrDefault(u => u.Code == Unit) is { } unit)
        {
            rows = [.. rows.Where(r => r.OrgPath.StartsWith(unit.Path, StringComparison.Ordinal))];
        }

        Rows = rows;
        return true;
    }
}
