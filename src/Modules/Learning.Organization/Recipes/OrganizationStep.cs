using System.Text.Json;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.Extensions.Localization;

namespace Learning.Organization.Recipes;

/// <summary>
/// <c>{ "name": "organization", "units": [ { "code", "name", "kind", "children": [...] } ] }</c>: creates or renames units by code.
/// </summary>
public sealed class OrganizationStep(OrganizationTree tree, IAuditTrail audit, IStringLocalizer<OrganizationStrings> t) : IRecipeStepHandler
{
    public string StepName => "organization";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var count = 0;

        async Task Visit(JsonElement element, string path, OrgUnit? parent)
        {
            var code = context.RequiredString(element, "code", path, t["Recipe.CodeRequired"]);
            var name = context.RequiredString(element, "name", path, t["Recipe.NameRequired"]);
            var kindName = context.RequiredString(element, "kind", path, t["Recipe.KindRequired", string.Join(", ", OrganizationTree.KindNames.Keys)]);
            if (!OrganizationTree.KindNames.TryGetValue(kindName, out var kind))
            {
                throw context.Error(path + ".kind", t["Recipe.KindUnknown", kindName, string.Join(", ", OrganizationTree.KindNames.Keys)]);
            }

            if (!OrganizationTree.CanNest(parent?.Kind, kind))
            {
                throw context.Error(path + ".kind", t["Recipe.KindNesting", kindName, parent?.Name ?? "—"]);
            }

            if (code.Length > 64 || name.Length > 200)
            {
                throw context.Error(path, t["Import.TooLong", 200]);
            }

            var (unit, outcome) = await tree.UpsertAsync(code, name.Normalize(), kind, parent, cancellationToken);
            if (outcome == OrganizationTree.UpsertOutcome.ParentConflict)
            {
                throw context.Error(path + ".code", t["Recipe.UnitMoved", code]);
            }

            count++;
            if (element.TryGetProperty("children", out var children))
            {
                if (children.ValueKind != JsonValueKind.Array)
                {
                    throw context.Error(path + ".children", t["Recipe.ArrayExpected"]);
                }

                var i = 0;
                foreach (var child in children.EnumerateArray())
                {
                    await Visit(child, $"{path}.children[{i++}]", unit);
                }
            }
        }

        foreach (var (item, path) in context.ArrayItems(context.Step, "units", "", t["Recipe.UnitsRequired"]))
        {
            await Visit(item, path, null);
        }

        audit.Record("organization.recipe", context.RecipeName, $"{count} đơn vị");
    }
}

/// <summary><c>{ "name": "cadres", "cadres": [ { "email", "fullName", "position", "unit", ... } ] }</c>: upserts cadres by e-mail.</summary>
public sealed class CadresStep(CadreImporter importer, IAuditTrail audit, IStringLocalizer<OrganizationStrings> t) : IRecipeStepHandler
{
    public string StepName => "cadres";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var items = context.ArrayItems(context.Step, "cadres", "", t["Recipe.CadresRequired"]).ToList();
        var inputs = items.Select(x => new CadreInput(
            x.Item.OptionalString("email"),
            x.Item.OptionalString("fullName"),
            x.Item.OptionalString("position"),
            x.Item.OptionalString("unit") ?? x.Item.OptionalString("unitCode"),
            x.Item.OptionalString("phone"),
            x.Item.OptionalString("joinedOn"),
            x.Item.OptionalString("transferredFrom"),
            x.Item.TryGetProperty("accountingOfficer", out var flag) && flag.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? flag.GetBoolean().ToString()
                : x.Item.OptionalString("accountingOfficer"))).ToList();

        var result = await importer.ImportAsync(inputs, OrgScope.Everything, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            var first = result.Errors[0];
            var field = first.Field == "unitCode" ? "unit" : first.Field;
            throw context.Error($"{items[first.Index].Path}.{field}", result.Errors.Count == 1
                ? first.Message
                : t["Recipe.CadreErrors", first.Message, result.Errors.Count - 1]);
        }

        audit.Record("organization.cadres.imported", context.RecipeName, $"thêm {result.Created}, cập nhật {result.Updated}");
    }
}
