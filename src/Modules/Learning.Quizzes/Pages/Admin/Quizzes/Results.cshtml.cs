using System.Globalization;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Quizzes.Data;
using Learning.Quizzes.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Learning.Quizzes.Pages.Admin.Quizzes;

/// <summary>
/// A quiz's attempts by the cadres in the trainer's scope (filtered by state, unit and name, a page of <see cref="PageSize"/> at a
/// time), their CSV and XLSX (every attempt the filter keeps, with the marks of each question), the item analysis, and re-grading.
/// </summary>
[RequirePermission(Permissions.Names.Grade)]
public sealed class ResultsModel(
    QuizResults results,
    TrainerGrading grading,
    QuizCatalog catalog,
    ICadreDirectory cadres,
    IOrganizationScopeService scopes,
    IAuditTrail audit,
    LearningDbContext db,
    IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The audit action of a results file: who took the cadres' names and scores away, with which filter.</summary>
    public const string ExportedAction = "quizzes.results.exported";

    /// <summary>How many of <see cref="NotAttempted"/> the page lists.</summary>
    public const int NotAttemptedShown = 200;

    /// <summary>The reader's scope and the unit filter's path, read by <see cref="LoadAsync"/> (nothing before it).</summary>
    private OrgScope scope = OrgScope.Nothing;

    private string? unitPath;

    public Quiz Quiz { get; private set; } = default!;

    /// <summary>How many attempts the filter keeps (<see cref="Rows"/> holds one page of them).</summary>
    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyList<QuizResults.ResultRow> Rows { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The units the filter offers: around the chosen one at a country's scale.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    public QuizResults.Analysis? Analysis { get; private set; }

    /// <summary>The cadres (in scope, in the unit filter) enrolled in a course with this quiz who have not taken it.</summary>
    public IReadOnlyList<CadreProfile> NotAttempted { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    [BindProperty(SupportsGet = true)]
    public AttemptState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    /// <summary>Part of a cadre's name, with or without Vietnamese marks.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

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
        NotAttempted = [.. (await results.NotAttemptedAsync(Quiz, scope, cancellationToken)).Where(c => unitPath is null || c.OrgPath.StartsWith(unitPath, StringComparison.Ordinal))];
        var kept = Filtered();
        Total = kept.Count;
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        Rows = [.. kept.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var (header, rows) = await TableAsync(cancellationToken);
        await AuditExportAsync("csv", rows.Count, cancellationToken);
        IEnumerable<IEnumerable<string?>> lines = [header, .. rows.Select(r => r.Select(Text))];
        return File(CsvExport.Bytes(lines), "text/csv; charset=utf-8", $"ket-qua-{Quiz.Key}.csv");

        static string? Text(object? value) => value switch
        {
            decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => (string?)value,
        };
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var (header, rows) = await TableAsync(cancellationToken);
        await AuditExportAsync("xlsx", rows.Count, cancellationToken);
        return File(XlsxTable.Write(t["Admin.ResultsSheet"], header, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"ket-qua-{Quiz.Key}.xlsx");
    }

    /// <summary>Audited before the file is sent, as the reports' exports are: the quiz, the format, the filter and the rows.</summary>
    private async Task AuditExportAsync(string format, int rows, CancellationToken cancellationToken)
    {
        audit.Record(ExportedAction, Quiz.Title, $"format={format}&{FilterQuery} · {rows.ToString(CultureInfo.InvariantCulture)}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public string PageLink(int page) => "/Admin/Quizzes/Results?" + FilterQuery + "&p=" + page.ToString(CultureInfo.InvariantCulture);

    /// <summary>The page's filter as a query string (the quiz, then state, unit and name when set).</summary>
    public string FilterQuery =>
        "key=" + Uri.EscapeDataString(Quiz.Key) + (State is { } s ? "&state=" + s : "") + (Unit is { } u ? "&unit=" + Uri.EscapeDataString(u) : "")
        + (string.IsNullOrWhiteSpace(Q) ? "" : "&q=" + Uri.EscapeDataString(Q.Trim()));

    /// <summary>The attempts the state and name filters keep (the unit's were applied when loading).</summary>
    private List<QuizResults.ResultRow> Filtered()
    {
        var name = string.IsNullOrWhiteSpace(Q) ? null : SearchText.Fold(Q);
        return [.. Rows.Where(r => (State is not { } state || r.State == state) && (name is null || SearchText.Fold(r.CadreName).Contains(name, StringComparison.Ordinal)))];
    }

    /// <summary>Every attempt the filter keeps, as the files write them: who, when, the score as marks and percent, then the marks of each question.</summary>
    private async Task<(List<string> Header, List<object?[]> Rows)> TableAsync(CancellationToken cancellationToken)
    {
        var kept = Filtered();
        var marks = await results.MarksAsync([.. kept.Select(r => r.Id)], cancellationToken);
        var slots = marks.Values.SelectMany(m => m.Keys).DefaultIfEmpty(0).Max();
        List<string> header =
        [
            t["Admin.Cadre"], t["Admin.Unit"], t["Admin.AttemptNumber"], t["Admin.State"], t["Admin.Started"], t["Admin.Submitted"], t["Admin.ByTimer"],
            t["Admin.Score"], t["Admin.MaxScore"], t["Admin.ScorePercent"], t["Admin.Passed"],
            .. Enumerable.Range(1, slots).Select(s => (string)t["Admin.QuestionColumn", s]),
        ];
        var rows = kept.Select(r => (object?[])
        [
            r.CadreName, r.UnitName, r.Number, t["AttemptState." + r.State].Value, LocalTime.Format(r.StartedUtc),
            r.SubmittedUtc is { } submitted ? LocalTime.Format(submitted) : "", r.ByTimer ? t["Admin.Yes"].Value : "",
            r.Score is { } score ? Math.Round(score, 2) : null, r.MaxScore, r.Percent is { } percent ? Math.Round(percent, 2) : null,
            r.State == AttemptState.Finished ? t[r.Passed ? "Admin.Yes" : "Admin.No"].Value : "",
            .. Enumerable.Range(1, slots).Select(s => marks.GetValueOrDefault(r.Id)?.GetValueOrDefault(s) is { } m ? (object)m : null),
        ]).ToList();
        return (header, rows);
    }

    public async Task<IActionResult> OnPostRegradeAsync(CancellationToken cancellationToken)
    {
        if (Key is null || await catalog.FindAsync(Key, cancellationToken) is not { } quiz)
        {
            return NotFound();
        }

        var changed = await grading.RegradeAsync(quiz, results.InScope(await scopes.GetScopeAsync(User, cancellationToken)), User.RequiredUserId(), cancellationToken);
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
        scope = await scopes.GetScopeAsync(User, cancellationToken);
        Units = await cadres.UnitsAsync(scope, cancellationToken);
        unitPath = Unit is null ? null : Units.FirstOrDefault(u => u.Code == Unit)?.Path;
        UnitChoices = OrgUnitTree.Choices(Units, unitPath);
        var rows = await results.AttemptsAsync(quiz, scope, cancellationToken);
        if (unitPath is { } path)
        {
            rows = [.. rows.Where(r => r.OrgPath.StartsWith(path, StringComparison.Ordinal))];
        }

        Rows = rows;
        return true;
    }
}
