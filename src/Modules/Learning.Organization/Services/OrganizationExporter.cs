using System.Globalization;
using System.Text.Json.Nodes;
using Learning.Data;
using Learning.Organization.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Organization.Services;

/// <summary>Writes the visible organisation tree and its cadres back out as a recipe that the <c>organization</c> and <c>cadres</c> steps read.</summary>
public sealed class OrganizationExporter(LearningDbContext db, OrganizationTree tree)
{
    public async Task<JsonObject> ExportAsync(OrgScope scope, CancellationToken cancellationToken = default)
    {
        var forest = await tree.LoadAsync(scope, cancellationToken);

        // A commune manager's export must still import on its own: include the ancestors of the scope roots.
        var rootParents = forest.Where(n => n.Unit.ParentId is not null).Select(n => n.Unit.ParentId!.Value).Distinct().ToList();
        var ancestors = await db.Set<OrgUnit>().AsNoTracking().Where(u => rootParents.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);

        static JsonObject Node(OrgUnit unit, IEnumerable<JsonNode> children)
        {
            var node = new JsonObject { ["code"] = unit.Code, ["name"] = unit.Name, ["kind"] = OrganizationTree.KindName(unit.Kind) };
            var array = new JsonArray(children.ToArray());
            if (array.Count > 0)
            {
                node["children"] = array;
            }

            return node;
        }

        JsonObject Build(OrgNode n) => Node(n.Unit, n.Children.Select(Build));

        var roots = new List<JsonNode>();
        foreach (var group in forest.GroupBy(n => n.Unit.ParentId))
        {
            var built = group.Select(Build).ToList();
            if (group.Key is { } parentId && ancestors.TryGetValue(parentId, out var parent))
            {
                roots.Add(Node(parent, built));
            }
            else
            {
                roots.AddRange(built);
            }
        }

        var cadres = await scope.Apply(db.Set<Cadre>().AsNoTracking())
            .OrderBy(c => c.OrgPath).ThenBy(c => c.Email)
            .Select(c => new { c.Email, c.FullName, c.Position, Unit = c.Unit!.Code, c.Phone, c.JoinedCommuneOn, c.TransferredFrom, c.IsAccountingOfficer })
            .ToListAsync(cancellationToken);

        var cadreArray = new JsonArray(cadres.Select(c => (JsonNode)new JsonObject
        {
            ["email"] = c.Email,
            ["fullName"] = c.FullName,
            ["position"] = c.Position,
            ["unit"] = c.Unit,
            ["phone"] = c.Phone,
            ["joinedOn"] = c.JoinedCommuneOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["transferredFrom"] = c.TransferredFrom,
            ["accountingOfficer"] = c.IsAccountingOfficer,
        }).ToArray());

        return new JsonObject
        {
            ["name"] = "organization-export",
            ["displayName"] = "Organization export",
            ["description"] = $"Exported {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            ["steps"] = new JsonArray(
                new JsonObject { ["name"] = "organization", ["units"] = new JsonArray(roots.ToArray()) },
                new JsonObject { ["name"] = "cadres", ["cadres"] = cadreArray }),
        };
    }
}
