using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;

namespace Learning.Organization.Endpoints;

public static class OrganizationEndpoints
{
    private static readonly JsonSerializerOptions ExportJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/Admin/Organization");
        group.MapGet("/export.recipe.json", ExportAsync)
            .RequireAuthorization(PermissionClaims.Policy(Permissions.ExportOrganization));
        return endpoints;
    }

    public static async Task<FileContentHttpResult> ExportAsync(ClaimsPrincipal user, IOrganizationScopeService scopes, OrganizationExporter exporter, IAuditTrail audit, LearningDbContext db, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(user, cancellationToken);
        var recipe = await exporter.ExportAsync(scope, cancellationToken);
        audit.Record("organization.exported");
        await db.SaveChangesAsync(cancellationToken);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(recipe, ExportJson);
        return TypedResults.File(bytes, "application/json; charset=utf-8", "organization.recipe.json");
    }
}
