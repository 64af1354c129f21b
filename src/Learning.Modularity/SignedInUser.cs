using System.Security.Claims;

namespace Learning.Modularity;

/// <summary>The one place that knows which claim carries the signed-in user's id (ASP.NET Core Identity's name identifier).</summary>
public static class SignedInUser
{
    /// <summary>The user's id, or null when nobody is signed in.</summary>
    public static string? UserId(this ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The user's id on a page or endpoint that requires a signed-in user.</summary>
    public static string RequiredUserId(this ClaimsPrincipal user) =>
        user.UserId() ?? throw new InvalidOperationException("This page requires a signed-in user.");
}
