using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Recipes;

/// <summary>
/// <c>{ "name": "cadreAccounts", "units": ["KH", "TH"] }</c>: gives every cadre under those units an account with the Cadre
/// role and no password (an administrator or the password-reset mail sets it), linked to the profile. Idempotent.
/// </summary>
public sealed class CadreAccountsStep(LearningDbContext db, CadreAccounts accounts, IStringLocalizer<OrganizationStrings> t) : IRecipeStepHandler
{
    public string StepName => "cadreAccounts";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var i = 0;
        foreach (var (item, _) in context.ArrayItems(context.Step, "units", "", t["Recipe.UnitsRequired"]).ToList())
        {
            var code = item.GetString() ?? "";
            var unit = await db.Set<OrgUnit>().SingleOrDefaultAsync(u => u.Code == code, cancellationToken)
                ?? throw context.Error($".units[{i}]", t["Import.UnitUnknown", code]);
            await accounts.EnsureAccountsAsync(unit.Path, cancellationToken);
            i++;
        }
    }
}
