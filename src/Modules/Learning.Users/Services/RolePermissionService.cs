using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using Learning.Data.Entities;
using Learning.Modularity;
using Microsoft.AspNetCore.Identity;

namespace Learning.Users.Services;

/// <summary>Roles carry their permissions as role claims, which Identity copies into the sign-in cookie.</summary>
public sealed class RolePermissionService(RoleManager<LearningRole> roles, Learning.Data.LearningDbContext db, Learning.Data.Security.SecurityStampChanges stamps, IEnumerable<IPermissionProvider> providers)
{
    public IReadOnlyList<Permission> AllPermissions() =>
        providers.SelectMany(p => p.GetPermissions()).DistinctBy(p => p.Name).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> DefaultPermissions(string role) =>
        providers.SelectMany(p => p.GetDefaultStereotypes()).Where(s => s.Role == role)
            .SelectMany(s => s.Permissions).Select(p => p.Name).Distinct().ToList();

    /// <summary>Creates the role if missing. A new role gets <paramref name="permissions"/> or, when null, its stereotype.</summary>
    public async Task<LearningRole> EnsureRoleAsync(string name, IReadOnlyCollection<string>? permissions)
    {
        var role = await roles.FindByNameAsync(name);
        var created = role is null;
        if (role is null)
        {
            role = new LearningRole(name);
            Check(await roles.CreateAsync(role));
        }

        if (permissions is not null)
        {
            await SetPermissionsAsync(role, permissions);
        }
        else if (created)
        {
            await SetPermissionsAsync(role, DefaultPermissions(name));
        }

        return role;
    }

    public async Task SetPermissionsAsync(LearningRole role, IReadOnlyCollection<string> permissions)
    {
        var current = (await roles.GetClaimsAsync(role)).Where(c => c.Type == PermissionClaims.Type).ToList();
        var changed = false;
        foreach (var claim in current.Where(c => !permissions.Contains(c.Value)))
        {
            Check(await roles.RemoveClaimAsync(role, claim));
            changed = true;
        }

        foreach (var name in permissions.Where(p => current.All(c => c.Value != p)))
        {
            Check(await roles.AddClaimAsync(role, new Claim(PermissionClaims.Type, name)));
            changed = true;
        }

        if (changed)
        {
            // The members' cookies carry the old permissions: new stamps refuse them at the next request, in one statement.
            var stamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            var roleId = role.Id;
            await db.Users.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, stamp));
            await stamps.Changed(db, [Learning.Data.Security.SecurityStampCache.Everyone]);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
