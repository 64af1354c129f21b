using Learning.Data;
using Learning.Organization.Data;

namespace Learning.Organization.Services;

internal sealed class OrganizationReportRows : IOrganizationReportRows
{
    // The linked cadres and the e-mail-matched rest as one UNION ALL. One join with the match keyed on
    // "UserId IS NULL ? upper(Email) : NULL" read the whole country fast, but narrowed to a province PostgreSQL estimated the
    // account anti-joins at one row and planned a nested loop of 6,000 cadres by 200,000 accounts: 38 s for a province's
    // readiness funnel (bench/README, "Pages that break down or filter by unit"). Apart, each branch is planned on its own: the linked
    // cadres need no join, the matched ones find their account through the e-mail index.
    public IQueryable<CadreReportRow> Cadres(object context, OrgScope scope) => LinkedCadres(context, scope).Concat(MatchedCadres(context, scope));

    // The same cadres as two queries: those linked to their account (nearly all) carry its id as it is, so a report's join on
    // the account is a plain equality the planner estimates from the column's statistics; only the rest go through the e-mail
    // match. Cadres' COALESCE(linked, matched) key leaves PostgreSQL to guess, and for a report that adds up a province's rows it
    // guessed plans 8 to 800 times slower than the hand-written floor (ADR-026, bench/README.md). The unit's name is a look-up by
    // key in the projection, so a query that does not ask for it does not join the units.
    public IQueryable<CadreReportRow> LinkedCadres(object context, OrgScope scope)
    {
        var db = Db(context);
        return Rows(db, from c in scope.Apply(db.Set<Cadre>())
                        where c.UserId != null
                        select new CadreAccount { Cadre = c, UserId = DbText.Unbounded(c.UserId) }); // the matched branch's type: see DbText
    }

    public IQueryable<CadreReportRow> MatchedCadres(object context, OrgScope scope)
    {
        var db = Db(context);
        return Rows(db, from c in scope.Apply(db.Set<Cadre>())
                        where c.UserId == null
                        join u in CadreDirectory.LinkableUsers(db) on c.Email.ToUpper() equals u.NormalizedEmail into accounts
                        from u in accounts.DefaultIfEmpty()
                        select new CadreAccount { Cadre = c, UserId = u == null ? null : u.Id });
    }

    private static IQueryable<CadreReportRow> Rows(LearningDbContext db, IQueryable<CadreAccount> cadres)
    {
        var units = db.Set<OrgUnit>();
        return cadres.Select(x => new CadreReportRow
        {
            CadreId = x.Cadre.Id,
            UserId = x.UserId,
            FullName = x.Cadre.FullName,
            Email = x.Cadre.Email,
            Position = x.Cadre.Position,
            UnitId = x.Cadre.UnitId,
            UnitName = units.Where(u => u.Id == x.Cadre.UnitId).Select(u => u.Name).First(),
            OrgPath = x.Cadre.OrgPath,
            JoinedCommuneOn = x.Cadre.JoinedCommuneOn,
            TransferredFrom = x.Cadre.TransferredFrom,
            IsAccountingOfficer = x.Cadre.IsAccountingOfficer,
        });
    }

    public IQueryable<OrgUnitRow> Units(object context, OrgScope scope) =>
        scope.Apply(Db(context).Set<OrgUnit>()).Select(u => new OrgUnitRow
        {
            Id = u.Id,
            ParentId = u.ParentId,
            Code = u.Code,
            Name = u.Name,
            Kind = u.Kind == OrgUnitKind.Province ? "Province" : u.Kind == OrgUnitKind.Commune ? "Commune" : u.Kind == OrgUnitKind.Ward ? "Ward"
                : u.Kind == OrgUnitKind.SpecialZone ? "SpecialZone" : "Unit",
            Path = u.Path,
        });

    private static LearningDbContext Db(object context) =>
        context as LearningDbContext ?? throw new ArgumentException("A LearningDbContext is expected.", nameof(context));

    private sealed class CadreAccount
    {
        public Cadre Cadre { get; init; } = null!;

        public string? UserId { get; init; }
    }
}
