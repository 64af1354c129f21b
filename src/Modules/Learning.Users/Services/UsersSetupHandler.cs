using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity;

namespace Learning.Users.Services;

/// <summary>At setup: the four roles with their default permissions, and the administrator account.</summary>
internal sealed class UsersSetupHandler(RolePermissionService roles, UserManager<LearningUser> users, IAuditTrail audit, TimeProvider clock) : ISiteSetupHandler
{
    public int Order => -100;

    public async Task SetupAsync(SiteSetupContext context, CancellationToken cancellationToken)
    {
        foreach (var role in LearningRoles.All)
        {
            await roles.EnsureRoleAsync(role, null);
        }

        var admin = new LearningUser
        {
            UserName = context.AdminEmail,
            Email = context.AdminEmail,
            EmailConfirmed = true,
            DisplayName = context.AdminDisplayName ?? context.AdminEmail,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(admin, context.AdminPassword);
        if (!result.Succeeded)
        {
            throw new SetupException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, LearningRoles.Administrator);
        audit.Record("users.created", admin.Email, LearningRoles.Administrator);
    }
}
