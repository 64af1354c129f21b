using Learning.Data;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Services;

public sealed record OrgNode(OrgUnit Unit, IReadOnlyList<OrgNode> Children, int CadreCount);

public sealed class OrganizationTree(LearningDbContext db)
{
    public static readonly IReadOnlyDictionary<string, OrgUnitKind> KindNames = new Dictionary<string, OrgUnitKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["province"] = OrgUnitKind.Province,
        ["commune"] = OrgUnitKind.Commune,
        ["ward"] = OrgUnitKind.Ward,
        ["special-zone"] = OrgUnitKind.SpecialZone,
        ["unit"] = OrgUnitKind.Unit,
    };

    public static string KindName(OrgUnitKind kind) => KindNames.First(k => k.Value == kind).Key;

    /// <summary>Whether a unit of <paramref name="child"/> kind may sit under <paramref name="parent"/> (null = root).</summary>
    public static bool CanNest(OrgUnitKind? parent, OrgUnitKind child) => parent switch
    {
        null => child == OrgUnitKind.Province,
        OrgUnitKind.Province => child is OrgUnitKind.Commune or OrgUnitKind.Ward or OrgUnitKind.SpecialZone,
        _ => child == OrgUnitKind.Unit,
    };

    public enum UpsertOutcome
    {
        Created,
        Updated,
        Unchanged,
        ParentConflict,
    }

    /// <summary>Creates or renames a unit identified by its code. Moving a unit to another parent is refused: it would re-scope its cadres silently.</summary>
    public async Task<(OrgUnit Unit, UpsertOutcome Outcome)> UpsertAsync(string code, string name, OrgUnitKind kind, OrgUnit? parent, CancellationToken cancellationToken)
    {
        var unit = await db.Set<OrgUnit>().SingleOrDefaultAsync(u => u.Code == code, cancellationToken);
        if (unit is null)
        {
            unit = new OrgUnit { Code = code, Name = name, Kind = kind, ParentId = parent?.Id };
            db.Add(unit);
            await db.SaveChangesAsync(cancellationToken);
            unit.Path = (parent?.Path ?? "/") + unit.Id + "/";
            await db.SaveChangesAsync(cancellationToken);
            return (unit, UpsertOutcome.Created);
        }

        if (unit.ParentId != parent?.Id)
        {
            return (unit, UpsertOutcome.ParentConflict);
        }

        if (unit.Name == name && unit.Kind == kind)
        {
            return (unit, UpsertOutcome.Unchanged);
        }

        unit.Name = name;
        unit.Kind = kind;
        await db.SaveChangesAsync(cancellationToken);
        return (unit, UpsertOutcome.Updated);
    }

    /// <summary>The visible forest: roots are the scope's own units (or the provinces for an unrestricted scope).</summary>
    public async Task<IReadOnlyList<OrgNode>> LoadAsync(OrgScope scope, CancellationToken cancellationToken = default)
    {
        var units = await scope.Apply(db.Set<OrgUnit>().AsNoTracking()).OrderBy(u => u.Name).ToListAsync(cancellationToken);
        var counts = await scope.Apply(db.Set<Cadre>().AsNoTracking())
            .GroupBy(c => c.UnitId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var byParent = units.ToLookup(u => u.ParentId);
        var ids = units.Select(u => u.Id).ToHashSet();

        OrgNode Build(OrgUnit unit)
        {
            var children = byParent[unit.Id].Select(Build).ToList();
            return new OrgNode(unit, children, counts.GetValueOrDefault(unit.Id) + children.Sum(c => c.CadreCount));
        }

        return units.Where(u => u.ParentId is null || !ids.Contains(u.ParentId.Value)).Select(Build).ToList();
    }
}
