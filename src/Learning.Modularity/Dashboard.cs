using System.Security.Claims;

namespace Learning.Modularity;

/// <summary>One figure on the admin dashboard, optionally with a bar chart (label → value).</summary>
public sealed record DashboardCard(string Title, string Value, string? Url = null, int Order = 0, IReadOnlyList<KeyValuePair<string, int>>? Bars = null);

/// <summary>Modules put their figures on the dashboard; each provider scopes them to the viewer.</summary>
public interface IDashboardCardProvider
{
    Task<IEnumerable<DashboardCard>> GetCardsAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
