using Learning.Modularity;
using Learning.Data.Entities;
using Microsoft.AspNetCore.Http;
using System.Security.Claims;

namespace Learning.Data;

public interface IAuditTrail
{
    /// <summary>Adds an entry to the current unit of work; it is saved with the change it describes.</summary>
    void Record(string action, string? subject = null, string? details = null, ClaimsPrincipal? actor = null);
}

internal sealed class AuditTrail(LearningDbContext db, IHttpContextAccessor http, TimeProvider clock) : IAuditTrail
{
    public void Record(string action, string? subject = null, string? details = null, ClaimsPrincipal? actor = null)
    {
        var context = http.HttpContext;
        actor ??= context?.User;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action,
            Subject = Truncate(subject, 400),
            Details = details,
            UserId = actor?.UserId(),
            UserName = Truncate(actor?.Identity?.Name, 256),
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
    }

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
