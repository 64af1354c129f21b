using Learning.Certificates.Data;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Readiness;

/// <summary>The readiness board's states with their dates, and the certificates issued, for reports and the data API (<see cref="ICadreReadinessRows"/>).</summary>
internal sealed class CadreReadinessRows(ReadinessBoard board, LearningDbContext db, TimeProvider clock) : ICadreReadinessRows
{
    public async Task<IReadOnlyList<CadreReadinessFact>> ListAsync(bool unrestricted, IReadOnlyList<string> scopePaths, CancellationToken cancellationToken = default)
    {
        var scope = unrestricted ? OrgScope.Everything : new OrgScope(false, scopePaths);
        var now = clock.GetUtcNow().UtcDateTime;
        var list = await board.ListAsync(scope, cancellationToken);
        return [.. list.OrderBy(r => r.Cadre.CadreId).Select(r => Fact(r, now))];
    }

    public async Task<CadreReadinessFact?> FindAsync(int cadreId, CancellationToken cancellationToken = default) =>
        await board.FindAsync(OrgScope.Everything, cadreId, cancellationToken) is { } one ? Fact(one, clock.GetUtcNow().UtcDateTime) : null;

    public async Task<IReadOnlyList<CadreCertificateFact>> CertificatesAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Set<Certificate>().AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.IssuedUtc).ThenByDescending(c => c.Id)
            .Select(c => new { c.Serial, c.Title, c.IssuedUtc, c.ExpiresUtc, c.State }).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new CadreCertificateFact(c.Serial, c.Title, c.IssuedUtc, c.ExpiresUtc, c.State.ToString(), c.ExpiresUtc is { } e && e <= now))];
    }

    internal static CadreReadinessFact Fact(CadreReadiness r, DateTime now)
    {
        var s = r.Signature;
        static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;

        // An issued signature turns expiring, then expired, with the calendar (Vietnam's days): those instants are changes too.
        DateTime? expiringAt = null, expiredAt = null;
        if (s is { Serial: not null, ValidTo: { } validTo })
        {
            expiringAt = LocalTime.ToUtc(validTo.AddDays(-ReadinessRules.ExpiringDays).ToDateTime(TimeOnly.MinValue));
            expiredAt = LocalTime.ToUtc(validTo.AddDays(1).ToDateTime(TimeOnly.MinValue));
        }

        DateTime?[] candidates =
        [
            Utc(s?.UpdatedUtc), r.RequirementUpdatedUtc, r.TrainingChangedUtc,
            expiringAt <= now ? expiringAt : null, expiredAt <= now ? expiredAt : null,
        ];
        var changed = candidates.Where(c => c is not null).Select(c => c!.Value).DefaultIfEmpty().Max();
        return new CadreReadinessFact(
            r.Cadre.CadreId,
            r.State.ToString(),
            r.RequiredCount,
            r.CompletedCount,
            r.TrainingStartedUtc,
            r.TrainingCompletedUtc,
            Utc(s?.RequestedUtc),
            Utc(s?.ReturnedUtc),
            s?.ValidFrom,
            s?.ValidTo,
            Utc(s?.IssuedRecordedUtc),
            changed == default ? null : DateTime.SpecifyKind(changed, DateTimeKind.Utc),
            r.Cadre.OrgPath);
    }
}
