using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Pages.Admin.Courses;

/// <summary>
/// Standing assignments of a course. A scoped manager assigns to units (or single cadres) inside their scope; rules that cut
/// across the tree (position, transfer date, accounting officers) need an unrestricted scope.
/// </summary>
[RequirePermission(Permissions.Names.Assign)]
public sealed class AssignModel(
    LearningDbContext db,
    EnrollmentService enrollments,
    ICadreDirectory cadres,
    IOrganizationScopeService scopes,
    IAuditTrail audit,
    TimeProvider clock,
    IStringLocalizer<CoursesStrings> t) : PageModel
{
    public Course? Course { get; private set; }

    public IReadOnlyList<Course> Courses { get; private set; } = [];

    public IReadOnlyList<CourseAssignment> Assignments { get; private set; } = [];

    public IReadOnlyList<OrgUnitRef> Units { get; private set; } = [];

    /// <summary>The unit (its code) whose part of the tree the unit list shows, when the scope has too many units for one list
    /// (ADR-032): a country's 10,000 are opened a province, then a commune, at a time.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Near { get; set; }

    /// <summary>The units the form offers: all of them, or those around <see cref="Near"/>.</summary>
    public UnitChoices UnitChoices { get; private set; } = new([], false);

    public IReadOnlyList<string> Positions { get; private set; } = [];

    public bool CanUseRules { get; private set; }

    public int Enrolled { get; private set; }

    public int Completed { get; private set; }

    public int Overdue { get; private set; }

    public string? Message { get; private set; }

    public bool IsError { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Courses = await db.Set<Course>().AsNoTracking().Where(c => c.IsPublished).OrderBy(c => c.Title).ToListAsync(cancellationToken);
            return Page();
        }

        return await LoadAsync(id.Value, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddAsync(int id, string? target, string? unit, string? position, int? months, string? email, int? dueDays, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        if (!Enum.TryParse<AssignmentTarget>(target, out var kind) || (!CanUseRules && kind is not (AssignmentTarget.Unit or AssignmentTarget.Cadre)))
        {
            return Fail(t["Assign.TargetInvalid"]);
        }

        string? value = kind switch
        {
            AssignmentTarget.Unit => unit,
            AssignmentTarget.Position => position,
            AssignmentTarget.TransferredWithinMonths => Math.Clamp(months ?? 6, 1, 60).ToString(System.Globalization.CultureInfo.InvariantCulture),
            AssignmentTarget.Cadre => email?.Trim().ToLowerInvariant(),
            _ => null,
        };

        if (kind == AssignmentTarget.Unit && (value is null || Units.All(u => u.Code != value)))
        {
            return Fail(t["Assign.UnitOutsideScope"]);
        }

        if (kind == AssignmentTarget.Cadre)
        {
            var cadre = value is null ? null : (await cadres.FindAsync(new CadreFilter(Email: value), cancellationToken)) is { Count: > 0 } found ? found[0] : null;
            if (cadre is null || !scope.Contains(cadre.OrgPath))
            {
                return Fail(t["Assign.CadreUnknown", value ?? ""]);
            }
        }

        if (kind == AssignmentTarget.Position && string.IsNullOrEmpty(value))
        {
            return Fail(t["Assign.TargetInvalid"]);
        }

        if (!await db.Set<CourseAssignment>().AnyAsync(a => a.CourseId == id && a.Target == kind && a.Value == value && a.RemovedUtc == null, cancellationToken))
        {
            db.Add(new CourseAssignment
            {
                CourseId = id,
                Target = kind,
                Value = value,
                DueDays = dueDays is > 0 ? dueDays : null,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
                CreatedBy = User.Identity?.Name,
            });
            audit.Record("courses.assigned", Course!.Slug, $"{kind} {value}; hạn: {dueDays} ngày");
            await db.SaveChangesAsync(cancellationToken);
        }

        var added = await enrollments.SyncAssignmentsAsync(id, cancellationToken);
        await LoadAsync(id, cancellationToken);
        Message = t["Assign.Done", added];
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int assignmentId, CancellationToken cancellationToken)
    {
        var assignment = await db.Set<CourseAssignment>().SingleOrDefaultAsync(a => a.Id == assignmentId && a.CourseId == id && a.RemovedUtc == null, cancellationToken);
        if (assignment is not null && await LoadAsync(id, cancellationToken))
        {
            if (!CanUseRules && (assignment.Target != AssignmentTarget.Unit || Units.All(u => u.Code != assignment.Value)))
            {
                return Fail(t["Assign.UnitOutsideScope"]);
            }

            await enrollments.RemoveAssignmentAsync(assignment, cancellationToken);
            audit.Record("courses.unassigned", Course!.Slug, $"{assignment.Target} {assignment.Value}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return Redirect($"/Admin/Courses/Assign/{id}");
    }

    private PageResult Fail(string message)
    {
        (Message, IsError) = (message, true);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        // Drafts are for authors: a manager who assigns but cannot author sees published courses only.
        var authors = User.Has(Permissions.Author);
        Course = await db.Set<Course>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && (authors || c.IsPublished), cancellationToken);
        if (Course is null)
        {
            return false;
        }

        var scope = await scopes.GetScopeAsync(User, cancellationToken);
        CanUseRules = scope.Unrestricted;
        Units = await cadres.UnitsAsync(scope, cancellationToken);
        UnitChoices = OrgUnitTree.Choices(Units, Units.FirstOrDefault(u => u.Code == Near)?.Path);
        Positions = CanUseRules ? await cadres.PositionsAsync(cancellationToken) : [];
        var assignments = await db.Set<CourseAssignment>().AsNoTracking().Where(a => a.CourseId == id).OrderByDescending(a => a.Id).ToListAsync(cancellationToken);
        var active = db.Set<Enrollment>().Where(e => e.CourseId == id && e.WithdrawnUtc == null);
        if (!scope.Unrestricted)
        {
            // Only what lies inside the caller's scope: their units' and cadres' assignments (rules that cut across the tree
            // name no person or unit and are shown, read-only), and counts of their own cadres.
            var codes = Units.Select(u => u.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var emails = assignments.Where(a => a.Target == AssignmentTarget.Cadre && a.Value is not null).Select(a => a.Value!).Distinct().ToList();
            var inScope = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var email in emails)
            {
                if ((await cadres.FindAsync(new CadreFilter(Email: email), cancellationToken)) is [var cadre, ..] && scope.Contains(cadre.OrgPath))
                {
                    inScope.Add(email);
                }
            }

            assignments = assignments.Where(a => a.Target switch
            {
                AssignmentTarget.Unit => a.Value is not null && codes.Contains(a.Value),
                AssignmentTarget.Cadre => a.Value is not null && inScope.Contains(a.Value),
                _ => true,
            }).ToList();
            var mine = cadres.UserIdsIn(scope);
            active = active.Where(e => mine.Contains(e.UserId));
        }

        Assignments = assignments;
        var now = clock.GetUtcNow().UtcDateTime;
        Enrolled = await active.CountAsync(cancellationToken);
        Completed = await active.CountAsync(e => e.CompletedUtc != null, cancellationToken);
        Overdue = await active.CountAsync(e => e.CompletedUtc == null && e.DueUtc < now, cancellationToken);
        return true;
    }
}
