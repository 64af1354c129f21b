using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Pages.Admin.Organization;

[RequirePermission(Permissions.Names.ManageScopes)]
public sealed class ScopesModel(LearningDbContext db, UserManager<LearningUser> users, IAuditTrail audit, IStringLocalizer<OrganizationStrings> t) : PageModel
{
    public sealed record Row(int Id, string Email, string Roles, string UnitName, string UnitCode);

    public IReadOnlyList<Row> Assignments { get; private set; } = [];

    public IReadOnlyList<OrgUnit> Units { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Ok { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? email, int unitId, CancellationToken cancellationToken)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        var unit = await db.Set<OrgUnit>().FindAsync([unitId], cancellationToken);
        if (user is null || unit is null)
        {
            Message = user is null ? t["Scopes.UserUnknown", email ?? ""] : t["Import.UnitUnknown", unitId];
        }
        else if (await db.Set<ScopeAssignment>().AnyAsync(s => s.UserId == user.Id && s.OrgUnitId == unitId, cancellationToken))
        {
            Message = t["Scopes.AlreadyAssigned"];
            Ok = true;
        }
        else
        {
            db.Add(new ScopeAssignment { UserId = user.Id, OrgUnitId = unitId });
            audit.Record("organization.scope.assigned", user.Email, unit.Code);
            await db.SaveChangesAsync(cancellationToken);
            Message = t["Scopes.Assigned", user.Email!, unit.Name];
            Ok = true;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var assignment = await db.Set<ScopeAssignment>().Include(s => s.OrgUnit).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (assignment is not null)
        {
            db.Remove(assignment);
            audit.Record("organization.scope.removed", assignment.UserId, assignment.OrgUnit?.Code);
            await db.SaveChangesAsync(cancellationToken);
        }

        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Units = await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Kind != OrgUnitKind.Unit).OrderBy(u => u.Path).ToListAsync(cancellationToken);
        var rows = await (from s in db.Set<ScopeAssignment>()
                          join u in db.Users on s.UserId equals u.Id
                          orderby u.Email
                          select new { AssignmentId = s.Id, UserId = u.Id, u.Email, s.OrgUnit!.Name, s.OrgUnit.Code }).ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name);
        Assignments = rows.Select(r => new Row(r.AssignmentId, r.Email ?? "", string.Join(", ", byUser[r.UserId]), r.Name, r.Code)).ToList();
    }
}
