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

/// <summary>Accommodations of a quiz for cadres and units inside the trainer's scope.</summary>
[RequirePermission(Permissions.Names.Grade)]
public sealed class OverridesModel(
    LearningDbContext db,
    QuizOverrides overrides,
    ICadreDirectory cadres,
    IOrganizationScopeService scopes,
    IStringLocalizer<QuizzesStrings> t) : PageModel
{
    public Quiz Quiz { get; private set; } = default!;

    public IReadOnlyList<QuizOverrides.OverrideRow> Rows { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The unit (its code) whose part of the tree the unit list shows, when the scope has too many units for one list
    /// (ADR-032): a country's 10,000 are opened a province, then a commune, at a time.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Near { get; set; }

    /// <summary>The units the form offers: all of them, or those around <see cref="Near"/>.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    private OrgScope Scope { get; set; } = OrgScope.Nothing;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddAsync(string? target, string? email, string? unit, int? extraMinutes, string? multiplier, int? extraAttempts, DateTime? closes, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        string? userId = null;
        string? unitPath = null;
        if (target == "unit")
        {
            unitPath = Units.FirstOrDefault(u => u.Code == unit)?.Path;
            if (unitPath is null)
            {
                return Fail(t["Admin.UnitOutsideScope"]);
            }
        }
        else
        {
            var address = email?.Trim().ToLowerInvariant();
            var cadre = string.IsNullOrEmpty(address) ? null : (await cadres.FindAsync(new CadreFilter(Email: address), cancellationToken)) is [var found, ..] ? found : null;
            if (cadre?.UserId is null || !Scope.Contains(cadre.OrgPath))
            {
                return Fail(t["Admin.CadreUnknown", address ?? ""]);
            }

            userId = cadre.UserId;
        }

        var factor = decimal.TryParse(multiplier?.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : 1;
        if (factor is < 1 or > 10 || extraMinutes is < 0 or > 10000 || extraAttempts is < 0 or > 100)
        {
            return Fail(t["Admin.OverrideInvalid"]);
        }

        DateTime? closesUtc = closes is { } local
            ? LocalTime.ToUtc(local)
            : null;
        await overrides.SetAsync(Quiz, userId, unitPath, new((extraMinutes ?? 0) * 60, factor, extraAttempts ?? 0, closesUtc), User.RequiredUserId(), cancellationToken);
        await LoadAsync(cancellationToken);
        Message = t["Admin.OverrideSaved"];
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int overrideId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // Only an override this trainer can see (one inside their scope) can be removed.
        if (Rows.FirstOrDefault(r => r.Override.Id == overrideId) is not { } row)
        {
            return NotFound();
        }

        await overrides.RemoveAsync(Quiz, row.Override, User.RequiredUserId(), cancellationToken);
        return Redirect($"/Admin/Quizzes/Overrides?key={Uri.EscapeDataString(Quiz.Key)}");
    }

    private PageResult Fail(string message)
    {
        (Message, IsError) = (message, true);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Key is null || await db.Set<Quiz>().AsNoTracking().SingleOrDefaultAsync(q => q.Key == Key, cancellationToken) is not { } quiz)
        {
            return false;
        }

        Quiz = quiz;
        Scope = await scopes.GetScopeAsync(User, cancellationToken);
        Units = await cadres.UnitsAsync(Scope, cancellationToken);
        UnitChoices = OrgUnitTree.Choices(Units, Units.FirstOrDefault(u => u.Code == Near)?.Path);
        Rows = await overrides.ListAsync(quiz, Scope, new Dictionary<string, CadreProfile>(), Units, cancellationToken);
        return true;
    }
}
