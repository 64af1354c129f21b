using Learning.Data;
using Learning.Modularity;
using Learning.Users.Services;
using Microsoft.Extensions.Localization;
using System.Text.Json;

namespace Learning.Users.Recipes;

/// <summary><c>{ "name": "roles", "roles": [ { "name": "Manager", "permissions": ["Organization.View"] } ] }</c>.
/// Without <c>permissions</c> a new role gets its module defaults and an existing role is left as it is.</summary>
public sealed class RolesStep(RolePermissionService roles, IAuditTrail audit, IStringLocalizer<UsersStrings> t) : IRecipeStepHandler
{
    public string StepName => "roles";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var known = roles.AllPermissions().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (item, path) in context.ArrayItems(context.Step, "roles", "", t["Recipe.RolesRequired"]).ToList())
        {
            var name = context.RequiredString(item, "name", path, t["Recipe.RoleNameRequired"]);
            List<string>? permissions = null;
            if (item.TryGetProperty("permissions", out var array))
            {
                if (array.ValueKind != JsonValueKind.Array)
                {
                    throw context.Error(path + ".permissions", t["Recipe.ArrayExpected"]);
                }

                permissions = [];
                var i = 0;
                foreach (var p in array.EnumerateArray())
                {
                    var value = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                    if (value is null || !known.Contains(value))
                    {
                        throw context.Error($"{path}.permissions[{i}]", t["Recipe.PermissionUnknown", value ?? p.ToString()]);
                    }

                    permissions.Add(value);
                    i++;
                }
            }

            await roles.EnsureRoleAsync(name, permissions);
            if (permissions is not null)
            {
                audit.Record("users.role.permissions", name, string.Join(",", permissions));
            }
        }
    }
}
