using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Learning.Modularity;

/// <summary>A named right a module grants. The name is the claim value; the description is for people.</summary>
public sealed record Permission(string Name, string Description);

/// <summary>Default role → permission grants, applied when a role is created (Orchard's "stereotypes").</summary>
public sealed record PermissionStereotype(string Role, IReadOnlyList<Permission> Permissions);

/// <summary>Each module's <c>Permissions.cs</c> implements this and registers it in its Startup.</summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> GetPermissions();

    IEnumerable<PermissionStereotype> GetDefaultStereotypes();
}

public static class LearningRoles
{
    public const string Cadre = "Cadre";
    public const string Trainer = "Trainer";
    public const string Manager = "Manager";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Cadre, Trainer, Manager, Administrator];
}

public static class PermissionClaims
{
    public const string Type = "Permission";
    public const string PolicyPrefix = "Permission:";

    public static string Policy(Permission permission) => PolicyPrefix + permission.Name;

    public static bool Has(this ClaimsPrincipal user, Permission permission) => user.Has(permission.Name);

    /// <summary>Administrators hold every permission; everyone else holds the permission claims their roles carry.</summary>
    public static bool Has(this ClaimsPrincipal user, string permission) =>
        user.IsInRole(LearningRoles.Administrator) || user.HasClaim(Type, permission);
}

public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

/// <summary>Administrators hold every permission; everyone else holds the permission claims their roles carry.</summary>
public sealed class PermissionAuthorizationHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Turns <c>[Authorize(Policy = "Permission:X")]</c> into a requirement without registering a policy per permission.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(PermissionClaims.PolicyPrefix, StringComparison.Ordinal))
        {
            return new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(policyName[PermissionClaims.PolicyPrefix.Length..]))
                .Build();
        }

        return await base.GetPolicyAsync(policyName);
    }
}

/// <summary><c>[RequirePermission(Permissions.Names.ViewCadres)]</c> on a page model or endpoint.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(string permission) : AuthorizeAttribute(PermissionClaims.PolicyPrefix + permission)
{
    public string Permission { get; } = permission;
}
