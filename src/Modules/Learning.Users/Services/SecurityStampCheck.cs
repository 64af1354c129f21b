using Learning.Modularity;
using System.Security.Claims;
using Learning.Data;
using Learning.Data.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Users.Services;

/// <summary>
/// Roles and their permissions travel in the sign-in cookie. Identity re-validates a cookie only every 30 minutes, so a role
/// taken away would keep working that long. This check runs on every authenticated request: the account's security stamp
/// (from the node's <see cref="SecurityStampCache"/> while that is live, else one indexed read) is compared with the stamp the
/// cookie was issued with. A role change, a change of a role's permissions, a
/// password reset or a deleted account rotates or removes the stamp, and the old cookie is refused at the very next request
/// (the person signs in again and gets their new rights). Scopes are not in the cookie: they are read per request.
/// </summary>
public static class SecurityStampCheck
{
    /// <summary>
    /// Whether Identity's own validator (which re-reads the account and rebuilds the cookie's claims) would act on this request:
    /// the same test it makes before doing anything, a cookie issued longer ago than
    /// <see cref="SecurityStampValidatorOptions.ValidationInterval"/> by its clock (or with no issue time).
    /// </summary>
    public static bool IdentityValidationDue(CookieValidatePrincipalContext context)
    {
        if (context.Properties.IssuedUtc is not { } issued)
        {
            return true;
        }

        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return now - issued > options.ValidationInterval;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        // Where anyone may go (static files, video segments under their signed token, the sign-in page), no right is used:
        // those requests, the most frequent of a playing video, cost no read.
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var claimType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = principal.UserId();
        var issued = principal.FindFirstValue(claimType);
        if (userId is not null && issued is not null)
        {
            // The node's cache of stamps, kept only while it hears of every change (LISTEN/NOTIFY on PostgreSQL, ADR-009).
            var cache = services.GetRequiredService<SecurityStampCache>();
            if (cache.TryGet(userId, out var known) && string.Equals(known, issued, StringComparison.Ordinal))
            {
                return;
            }

            var generation = cache.Generation;
            var db = services.GetRequiredService<LearningDbContext>();
            var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp }).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (current?.SecurityStamp is { } stamp && string.Equals(stamp, issued, StringComparison.Ordinal))
            {
                cache.Remember(userId, stamp, generation);
                return;
            }
        }

        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecurityStampCheck))
            .LogInformation("Sign-in cookie of {User} refused: the account's security stamp changed", principal.Identity.Name);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
