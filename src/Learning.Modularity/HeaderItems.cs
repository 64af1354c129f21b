using System.Security.Claims;
using Microsoft.AspNetCore.Html;

namespace Learning.Modularity;

/// <summary>
/// Something a module shows in the site header beside the account name (the notifications bell), on every page of both themes
/// for a signed-in user. It renders its own HTML (a Razor component, ADR-013) so the theme need not know what it is; it runs on
/// every page, so it costs at most one cheap query.
/// </summary>
public interface IHeaderItemProvider
{
    int Order => 0;

    /// <summary>The item's HTML for <paramref name="user"/> (signed in), or null to show nothing.</summary>
    Task<IHtmlContent?> RenderAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
