using System.Linq.Expressions;
using System.Security.Claims;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Services;

/// <summary>Scope filters over this module's entities.</summary>
public static class OrgScopeQueries
{
    public static IQueryable<Cadre> Apply(this OrgScope scope, IQueryable<Cadre> cadres) => scope.Unrestricted ? cadres : cadres.Where(PathPredicate<Cadre>(scope, c => c.OrgPath));

    public static IQueryable<OrgUnit> Apply(this OrgScope scope, IQueryable<OrgUnit> units) => scope.Unrestricted ? units : units.Where(PathPredicate<OrgUnit>(scope, u => u.Path));

    private static Expression<Func<T, bool>> PathPredicate<T>(OrgScope scope, Expression<Func<T, string>> selector)
    {
        var parameter = selector.Parameters[0];
        Expression body = Expression.Constant(false);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var path in scope.Paths)
        {
            body = Expression.OrElse(body, Expression.Call(selector.Body, startsWith, Expression.Constant(path)));
        }

        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }
}

public sealed class OrganizationScopeService(LearningDbContext db) : IOrganizationScopeService
{
    public async Task<OrgScope> GetScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.IsInRole(LearningRoles.Administrator))
        {
            return OrgScope.Everything;
        }

        var userId = user.UserId();
        return userId is null ? OrgScope.Nothing : await PathsOfAsync(userId, cancellationToken);
    }

    /// <summary>The scope of an account as the database has it now (for work done later on someone's behalf, such as a job).</summary>
    public async Task<OrgScope> ScopeOfUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var administrator = await db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == LearningRoles.Administrator), cancellationToken);
        return administrator ? OrgScope.Everything : await PathsOfAsync(userId, cancellationToken);
    }

    private async Task<OrgScope> PathsOfAsync(string userId, CancellationToken cancellationToken)
    {
        var paths = await db.Set<ScopeAssignment>()
            .Where(s => s.UserId == userId)
            .Select(s => s.OrgUnit!.Path)
            .ToListAsync(cancellationToken);
        return paths.Count == 0 ? OrgScope.Nothing : new OrgScope(false, paths);
    }
}
