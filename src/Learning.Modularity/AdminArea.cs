using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Learning.Modularity;

/// <summary>
/// The administration area. Every Razor page under <c>/Admin</c> and every endpoint whose route starts with <c>/Admin</c> requires
/// <see cref="AccessPermission"/> on top of its own permission (the host applies both conventions); an endpoint that serves the
/// administration from another path (uploads, status polls) says so with <see cref="RequireAdminArea{TBuilder}"/>.
/// </summary>
public static class AdminArea
{
    public const string AccessPermission = "Admin.Access";
    public const string SettingsPermission = "Admin.Settings";
    public const string AuditPermission = "Admin.Audit";
    public const string PathPrefix = "/Admin";

    public static string Policy => PermissionClaims.PolicyPrefix + AccessPermission;

    public static TBuilder RequireAdminArea<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy);

    /// <summary>Whether a route pattern lies in the administration area (case-insensitive, as routing matches).</summary>
    public static bool IsAdminRoute(string? pattern) =>
        pattern is not null && (pattern.TrimStart('/').Equals("Admin", StringComparison.OrdinalIgnoreCase)
            || pattern.TrimStart('/').StartsWith("Admin/", StringComparison.OrdinalIgnoreCase));
}
