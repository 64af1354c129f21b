using Learning.Data;
using Learning.Organization.Data;

namespace Learning.Organization.Services;

internal sealed class OrganizationReportRows : IOrganizationReportRows
{
    public IQueryable<CadreReportRow> Cadres(object context, OrgScope scope)
    {
        var db = Db(context);
        return from c in scope.Apply(db.Set<Cadre>())
               // The e-mail fallback only for cadres without a linked account: a null key matches nothing, so linked cadres
               // (nearly all of them) skip the probe of LinkableUsers and its anti-joins (bench/README, reports, point 5).
               join u in CadreDirectory.LinkableUsers(db) on c.UserId == null ? c.Email.ToUpper() : null equals u.NormalizedEmail into accounts
               from u in accounts.DefaultIfEmpty()
               select new CadreReportRow
               {
                   CadreId = c.Id,
                   UserId = c.UserId ?? (u == null ? null : u.Id),
                   FullName = c.FullName,
                   Email = c.Email,
                   Position = c.Position,
                   UnitId = c.UnitId,
                   UnitName = c.Unit!.Name,
                   OrgPath = c.OrgPath,
                   JoinedCommuneOn = c.JoinedCommuneOn,
                   TransferredFrom = c.TransferredFrom,
                   IsAccountingOfficer = c.IsAccountingOfficer,
               };
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
}
