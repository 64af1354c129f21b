using System.Security.Claims;
using Learning.Certificates.Data;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Issuing;

/// <summary>Status as a viewer reads it: a stored state, or Expired when a valid certificate's date has passed.</summary>
public enum CertificateStatus
{
    Valid,
    Revoked,
    Superseded,
    Expired,
}

/// <summary>Reading certificates: one's own, those in a manager's scope, and by serial for the public page.</summary>
public sealed class CertificateRegistry(LearningDbContext db, IOrganizationScopeService scopes, ICadreDirectory cadres, TimeProvider clock)
{
    public const int PageSize = 50;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public CertificateStatus StatusOf(Certificate c) => c.State switch
    {
        CertificateState.Revoked => CertificateStatus.Revoked,
        CertificateState.Superseded => CertificateStatus.Superseded,
        _ when c.IsExpired(Now) => CertificateStatus.Expired,
        _ => CertificateStatus.Valid,
    };

    public Task<Certificate?> FindAsync(string? serial, CancellationToken cancellationToken) =>
        CertificateSerial.Normalize(serial) is { } s
            ? db.Set<Certificate>().AsNoTracking().SingleOrDefaultAsync(c => c.Serial == s, cancellationToken)
            : Task.FromResult<Certificate?>(null);

    public async Task<IReadOnlyList<Certificate>> MineAsync(string userId, CancellationToken cancellationToken) =>
        await db.Set<Certificate>().AsNoTracking().Where(c => c.UserId == userId)
            .OrderByDescending(c => c.IssuedUtc).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);

    public Task<byte[]?> PdfAsync(long certificateId, CancellationToken cancellationToken) =>
        db.Set<CertificateFile>().Where(f => f.CertificateId == certificateId).Select(f => f.Pdf).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The certificates of the cadres in the caller's scope (everything for an unrestricted scope).</summary>
    public async Task<IQueryable<Certificate>> InScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await scopes.GetScopeAsync(user, cancellationToken);
        var all = db.Set<Certificate>().AsNoTracking();
        if (scope.Unrestricted)
        {
            return all;
        }

        var users = cadres.UserIdsIn(scope);
        return all.Where(c => users.Contains(c.UserId));
    }

    /// <summary>One page of the scope's certificates, newest first: by folded name or serial, by status.</summary>
    public async Task<(IReadOnlyList<Certificate> Items, int Total)> SearchAsync(ClaimsPrincipal user, string? q, CertificateStatus? status, int page, CancellationToken cancellationToken)
    {
        var query = await InScopeAsync(user, cancellationToken);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var serial = q.Trim().ToUpperInvariant();
            var folded = SearchText.Fold(q);
            query = query.Where(c => c.Serial.Contains(serial) || (folded != "" && c.HolderNameFolded.Contains(folded)));
        }

        var now = Now;
        query = status switch
        {
            CertificateStatus.Valid => query.Where(c => c.State == CertificateState.Valid && (c.ExpiresUtc == null || c.ExpiresUtc > now)),
            CertificateStatus.Expired => query.Where(c => c.State == CertificateState.Valid && c.ExpiresUtc != null && c.ExpiresUtc <= now),
            CertificateStatus.Revoked => query.Where(c => c.State == CertificateState.Revoked),
            CertificateStatus.Superseded => query.Where(c => c.State == CertificateState.Superseded),
            _ => query,
        };
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.IssuedUtc).ThenByDescending(c => c.Id)
            .Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return (items, total);
    }

    public async Task<Certificate?> FindInScopeAsync(ClaimsPrincipal user, string? serial, CancellationToken cancellationToken)
    {
        if (CertificateSerial.Normalize(serial) is not { } s)
        {
            return null;
        }

        return await (await InScopeAsync(user, cancellationToken)).SingleOrDefaultAsync(c => c.Serial == s, cancellationToken);
    }
}
