using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using System.Text.Json;

namespace Learning.Users.Recipes;

/// <summary>
/// <c>{ "name": "users", "users": [ { "email", "displayName", "roles": ["Manager"], "passwordEnv": "VAR" } ] }</c>.
/// A recipe never carries a password: it names an environment variable, or the account is created without one
/// (an administrator sets it). Existing accounts get missing roles added, nothing removed.
/// </summary>
public sealed class UsersStep(UserManager<LearningUser> users, RoleManager<LearningRole> roles, IAuditTrail audit, IStringLocalizer<UsersStrings> t, TimeProvider clock) : IRecipeStepHandler
{
    public string StepName => "users";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (item, path) in context.ArrayItems(context.Step, "users", "", t["Recipe.UsersRequired"]).ToList())
        {
            var email = context.RequiredString(item, "email", path, t["Recipe.EmailRequired"]);
            if (item.TryGetProperty("password", out _))
            {
                throw context.Error(path + ".password", t["Recipe.NoPasswords"]);
            }

            var roleNames = new List<string>();
            if (item.TryGetProperty("roles", out var array))
            {
                var i = 0;
                foreach (var r in array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : throw context.Error(path + ".roles", t["Recipe.ArrayExpected"]))
                {
                    var name = r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                    if (name is null || !await roles.RoleExistsAsync(name))
                    {
                        throw context.Error($"{path}.roles[{i}]", t["Recipe.RoleUnknown", name ?? r.ToString()]);
                    }

                    roleNames.Add(name);
                    i++;
                }
            }

            string? password = null;
            if (item.OptionalString("passwordEnv") is { } variable)
            {
                password = Environment.GetEnvironmentVariable(variable);
                if (string.IsNullOrEmpty(password))
                {
                    throw context.Error(path + ".passwordEnv", t["Recipe.PasswordEnvMissing", variable]);
                }
            }

            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new LearningUser
                {
                    UserName = email,
                    Email = email,
                    EmailConfirmed = true,
                    DisplayName = item.OptionalString("displayName") ?? email,
                    CreatedUtc = clock.GetUtcNow().UtcDateTime,
                };
                var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    throw context.Error(path, string.Join(" ", created.Errors.Select(e => e.Description)));
                }

                audit.Record("users.created", email, string.Join(",", roleNames));
            }

            var changed = false;
            foreach (var role in roleNames)
            {
                if (await users.IsInRoleAsync(user, role))
                {
                    continue;
                }

                await users.AddToRoleAsync(user, role);
                audit.Record("users.role.added", email, role);
                changed = true;
            }

            if (changed)
            {
                // Roles live in the sign-in cookie: a new stamp makes the change apply at the account's next request.
                await users.UpdateSecurityStampAsync(user);
            }
        }
    }
}
