using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Learning.Data.Entities;

namespace Learning.Organization.Recipes;

/// <summary><c>{ "name": "scopes", "scopes": [ { "user": "email", "unit": "KH-NHATRANG" } ] }</c>: what each manager may see.</summary>
public sealed class ScopesStep(LearningDbContext db, UserManager<LearningUser> users, IAuditTrail audit, IStringLocalizer<OrganizationStrings> t) : IRecipeStepHandler
{
    public string StepName => "scopes";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (item, path) in context.ArrayItems(context.Step, "scopes", "", t["Recipe.ScopesRequired"]).ToList())
        {
            var email = context.RequiredString(item, "user", path, t["Recipe.UserRequired"]);
            var code = context.RequiredString(item, "unit", path, t["Recipe.UnitRequired"]);
            var user = await users.FindByEmailAsync(email) ?? throw context.Error(path + ".user", t["Recipe.UserUnknown", email]);
            var unit = await db.Set<OrgUnit>().SingleOrDefaultAsync(u => u.Code == code, cancellationToken)
                ?? throw context.Error(path + ".unit", t["Import.UnitUnknown", code]);
            if (!await db.Set<ScopeAssignment>().AnyAsync(s => s.UserId == user.Id && s.OrgUnitId == unit.Id, cancellationToken))
            {
                db.Add(new ScopeAssignment { UserId = user.Id, OrgUnitId = unit.Id });
                audit.Record("organization.scope.assigned", email, code);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
