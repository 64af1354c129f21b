using Learning.Data;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Services;

/// <summary>
/// The cadre list as other modules need it (assignment rules, reports). A cadre's account is the one with the same e-mail
/// when none is linked yet, so an account created after the import is found without a second step.
/// </summary>
internal sealed class CadreDirectory(LearningDbContext db) : ICadreDirectory
{
    public async Task<IReadOnlyList<CadreProfile>> FindAsync(CadreFilter filter, CancellationToken cancellationToken = default)
    {
        var cadres = db.Set<Cadre>().AsNoTracking();
        if (filter.UnderPath is { } path)
        {
            cadres = cadres.Where(c => c.OrgPath.StartsWith(path));
        }

        if (filter.Position is { } position)
        {
            cadres = cadres.Where(c => c.Position == position);
        }

        if (filter.JoinedOnOrAfter is { } since)
        {
            cadres = cadres.Where(c => c.JoinedCommuneOn >= since);
        }

        if (filter.TransferredOnly == true)
        {
            cadres = cadres.Where(c => c.TransferredFrom != null);
        }

        if (filter.AccountingOfficersOnly == true)
        {
            cadres = cadres.Where(c => c.IsAccountingOfficer);
        }

        if (filter.Email is { } email)
        {
            var lower = email.Trim().ToLowerInvariant();
            cadres = cadres.Where(c => c.Email == lower);
        }

        return await Project(cadres).ToListAsync(cancellationToken);
    }

    public async Task<CadreProfile?> FindByUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var lower = email?.ToLowerInvariant();
        var linkable = LinkableUsers(db).Where(u => u.Id == userId);
        return await Project(db.Set<Cadre>().AsNoTracking().Where(c => c.UserId == userId || (c.UserId == null && c.Email == lower && linkable.Any())))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CadreProfile>> FindByUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        // A profile linked to its account (as account creation and sign-in link it) is one indexed lookup; only the accounts left
        // over go through the e-mail match, whose query is several times dearer (it runs on every recorded learning event).
        var ids = userIds.Distinct().ToList();
        // One account (every learning event recorded as it happens) is a plain equality: with a list parameter (UserId = ANY($1))
        // PostgreSQL planned the read afresh at every call of an exam's submits, and the planning cost it twice the read
        // (bench/README, "The planner's share of a save").
        var only = ids.Count == 1 ? ids[0] : null;
        var cadres = only is not null
            ? db.Set<Cadre>().AsNoTracking().Where(c => c.UserId == only)
            : db.Set<Cadre>().AsNoTracking().Where(c => c.UserId != null && ids.Contains(c.UserId));
        var linked = await cadres
            .Select(c => new CadreProfile(c.Id, c.UserId, c.Email, c.FullName, c.Position, c.OrgPath, c.Unit!.Name, c.JoinedCommuneOn, c.TransferredFrom, c.IsAccountingOfficer))
            .ToListAsync(cancellationToken);
        var result = linked.DistinctBy(p => p.UserId).ToList();
        var rest = ids.Except(result.Select(p => p.UserId!), StringComparer.Ordinal).ToList();
        if (rest.Count == 0)
        {
            return result;
        }

        var emails = await db.Users.Where(u => rest.Contains(u.Id) && u.NormalizedEmail != null).Select(u => u.NormalizedEmail!).ToListAsync(cancellationToken);
        if (emails.Count == 0)
        {
            return result;
        }

        var matched = await Project(db.Set<Cadre>().AsNoTracking().Where(c => c.UserId == null && emails.Contains(c.Email.ToUpper())))
            .ToListAsync(cancellationToken);
        var wanted = rest.ToHashSet(StringComparer.Ordinal);
        result.AddRange(matched.Where(p => p.UserId is not null && wanted.Contains(p.UserId)).DistinctBy(p => p.UserId));
        return result;
    }

    public Task<IReadOnlyList<CadreRecord>> RecordsAsync(OrgScope scope, CancellationToken cancellationToken = default) =>
        RecordsAsync(scope.Apply(db.Set<Cadre>().AsNoTracking()), cancellationToken);

    public Task<IReadOnlyList<CadreRecord>> RecordsAsync(OrgScope scope, IReadOnlyCollection<int> cadreIds, CancellationToken cancellationToken = default)
    {
        var ids = cadreIds as IList<int> ?? cadreIds.ToList();
        return RecordsAsync(scope.Apply(db.Set<Cadre>().AsNoTracking()).Where(c => ids.Contains(c.Id)), cancellationToken);
    }

    // Linked cadres (nearly all) as they are, and only the others matched by e-mail, as one UNION ALL: joined all at once,
    // PostgreSQL hashed every account's anti-joins for any scope (1.0 s for a province, 1.4–2.7 s for the country: bench/README,
    // "Pages that break down or filter by unit"); apart, the unlinked few find their account through the e-mail index.
    private async Task<IReadOnlyList<CadreRecord>> RecordsAsync(IQueryable<Cadre> cadres, CancellationToken cancellationToken)
    {
        var linked = from c in cadres
                     where c.UserId != null
                     select new { c.Id, UserId = DbText.Unbounded(c.UserId), c.Email, c.FullName, c.Position, c.Phone, c.UnitId, c.OrgPath };
        var matched = from c in cadres
                      where c.UserId == null
                      join u in LinkableUsers(db) on c.Email.ToUpper() equals u.NormalizedEmail into accounts
                      from u in accounts.DefaultIfEmpty()
                      select new { c.Id, UserId = u == null ? null : u.Id, c.Email, c.FullName, c.Position, c.Phone, c.UnitId, c.OrgPath };
        var rows = await linked.Concat(matched).OrderBy(r => r.FullName).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CadreRecord(r.Id, r.UserId, r.Email, r.FullName, r.Position, r.Phone, r.UnitId, r.OrgPath))];
    }

    public async Task<OrgUnitRef?> FindUnitAsync(string code, CancellationToken cancellationToken = default) =>
        await db.Set<OrgUnit>().AsNoTracking().Where(u => u.Code == code)
            .Select(u => new OrgUnitRef(u.Id, u.Code, u.Name, u.Kind.ToString(), u.Path))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<OrgUnitRef>> UnitsAsync(OrgScope scope, CancellationToken cancellationToken = default) =>
        await scope.Apply(db.Set<OrgUnit>().AsNoTracking()).OrderBy(u => u.Path)
            .Select(u => new OrgUnitRef(u.Id, u.Code, u.Name, u.Kind.ToString(), u.Path))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<string>> PositionsAsync(CancellationToken cancellationToken = default) =>
        await db.Set<Cadre>().AsNoTracking().Select(c => c.Position).Where(p => p != "").Distinct().OrderBy(p => p).ToListAsync(cancellationToken);

    // As RecordsAsync: the linked accounts as they are, the unlinked cadres' accounts by e-mail, as one UNION ALL (a province's
    // readiness read its enrolments in 1.0 s through the single join, which hashed every account's anti-joins).
    public IQueryable<string> UserIdsIn(OrgScope scope)
    {
        var cadres = scope.Apply(db.Set<Cadre>().AsNoTracking());
        var linked = cadres.Where(c => c.UserId != null).Select(c => DbText.Unbounded(c.UserId)!);
        var matched = from c in cadres
                      where c.UserId == null
                      join u in LinkableUsers(db) on c.Email.ToUpper() equals u.NormalizedEmail
                      select u.Id;
        return linked.Concat(matched);
    }

    /// <summary>Accounts an unlinked cadre profile may be matched to by e-mail: never a staff account (a role other than Cadre,
    /// or a manager's or trainer's scope), which would otherwise receive the cadre's assignments, nor another cadre's account.
    /// The one rule for the directory, the CSV import and account creation.</summary>
    internal static IQueryable<Learning.Data.Entities.LearningUser> LinkableUsers(LearningDbContext db) =>
        db.Users.Where(u => !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name != Learning.Modularity.LearningRoles.Cadre))
            && !db.Set<ScopeAssignment>().Any(s => s.UserId == u.Id)
            && !db.Set<Cadre>().Any(c => c.UserId == u.Id && c.Email.ToUpper() != u.NormalizedEmail));

    private IQueryable<CadreProfile> Project(IQueryable<Cadre> cadres) =>
        from c in cadres
        join u in LinkableUsers(db) on c.Email.ToUpper() equals u.NormalizedEmail into accounts
        from u in accounts.DefaultIfEmpty()
        select new CadreProfile(c.Id, c.UserId ?? (u == null ? null : u.Id), c.Email, c.FullName, c.Position, c.OrgPath, c.Unit!.Name,
            c.JoinedCommuneOn, c.TransferredFrom, c.IsAccountingOfficer);
}
