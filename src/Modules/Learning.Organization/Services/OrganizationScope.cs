using System.Linq.Expressions;
using System.Security.Claims;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Services;

/// <summary>What part of the organisation tree a user may see: everything (administrators) or the subtrees under their assignments.</summary>
public sealed record OrgScope(bool Unrestricted, IReadOnlyList<string> Paths)
{
    public static readonly OrgScope Everything = new(true, []);
    public static readonly OrgScope Nothing = new(false, []);

    public bool Contains(string path) => Unrestricted || Paths.Any(p => path.StartsWith(p, StringComparison.Ordinal));

    public IQueryable<Cadre> Apply(IQueryable<Cadre> cadres) => Unrestricted ? cadres : cadres.Where(PathPredicate<Cadre>(c => c.OrgPath));

    public IQueryable<OrgUnit> Apply(IQueryable<OrgUnit> units) => Unrestricted ? units : units.Where(PathPredicate<OrgUnit>(u => u.Path));

    /// <summary>Ancestors of a scope root are visible as context (a commune manager sees its province's name), not as content.</summary>
    public bool IsAncestorOfScope(string path) => Unrestricted || Paths.Any(p => p.StartsWith(path, StringComparison.Ordinal));

    private Expression<Func<T, bool>> PathPredicate<T>(Expression<Func<T, string>> selector)
    {
        var parameter = selector.Parameters[0];
        Expression body = Expression.Constant(false);
        var startsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
        foreach (var path in Paths)
        {
            body = Expression.OrElse(body, Expression.Call(selector.Body, startsWith, Expression.Constant(path)));
        }

        return Expression.Lambda<Func<T, bool>>(body, parameter);
    }
}

public interface IOrganizationScopeService
{
    Task<OrgScope> GetScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}

internal sealed class OrganizationScopeService(LearningDbContext db) : IOrganizationScopeService
{
    public async Task<OrgScope> GetScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (user.IsInRole(LearningRoles.Administrator))
        {
            return OrgScope.Everything;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return OrgScope.Nothing;
        }

        var paths = await db.Set<ScopeAssignment>()
            .Where(s => s.UserId == userId)
            .Select(s => s.OrgUnit!.Path)
            .ToListAsync(cancellationToken);
        return paths.Count == 0 ? OrgScope.Nothing : new OrgScope(false, paths);
    }
}
