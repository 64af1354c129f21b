namespace Learning.Organization;

/// <summary>
/// Moving through the organisation tree a level at a time, for pages that break numbers down by unit or offer a unit filter. A
/// country holds 34 provinces, 3,321 communes and some 10,000 units: no one picks from one list of them, and a page that lists
/// them all weighs hundreds of kilobytes on a commune's phone. Paths are <see cref="OrgScope"/>'s (<c>/1/7/</c>).
/// </summary>
public static class OrgUnitTree
{
    /// <summary>Above this many units a filter offers the units around the current one (<see cref="Choices"/>), not all of them.
    /// A province (about 100 communes and 300–400 units with their departments) stays under it: one list, as before.</summary>
    public const int ChoiceLimit = 500;

    /// <summary>A province, a commune, a ward, a special zone: what readiness and completion are broken down to.</summary>
    public static bool IsCommune(OrgUnitRef unit) => unit.Kind is "Commune" or "Ward" or "SpecialZone";

    /// <summary>The provinces and communes of the list, which a readiness or cadre filter offers (and <paramref name="alsoId"/>, a
    /// unit already chosen, whatever its kind).</summary>
    public static IReadOnlyList<OrgUnitRef> ProvincesAndCommunes(IReadOnlyList<OrgUnitRef> units, int? alsoId) =>
        [.. units.Where(u => u.Kind != "Unit" || u.Id == alsoId)];

    /// <summary>What the rows of a breakdown are, for its heading: "Province" or "Commune" when they all are, else "Unit".</summary>
    public static string RowsKind(IReadOnlyCollection<OrgUnitRef> rows) =>
        rows.Count > 0 && rows.All(u => u.Kind == "Province") ? "Province" : rows.Count > 0 && rows.All(IsCommune) ? "Commune" : "Unit";

    /// <summary>The parent's path (<c>/1/7/</c> → <c>/1/</c>), or null at the top (and for a unit whose path is not written yet:
    /// a unit is saved once for its id, then again with its path).</summary>
    public static string? ParentPath(string path)
    {
        if (path.Length < 3)
        {
            return null;
        }

        var cut = path.LastIndexOf('/', path.Length - 2);
        return cut <= 0 ? null : path[..(cut + 1)];
    }

    /// <summary>The units of the list whose parent is not in it: the tops of a scope (the provinces for an administrator).</summary>
    public static IReadOnlyList<OrgUnitRef> Roots(IReadOnlyList<OrgUnitRef> units)
    {
        var paths = units.Select(u => u.Path).ToHashSet(StringComparer.Ordinal);
        return [.. units.Where(u => u.Path.Length >= 3 && (ParentPath(u.Path) is not { } parent || !paths.Contains(parent)))];
    }

    /// <summary>The units of the list one level under <paramref name="parentPath"/>.</summary>
    public static IReadOnlyList<OrgUnitRef> Children(IReadOnlyList<OrgUnitRef> units, string parentPath) =>
        [.. units.Where(u => u.Path.Length > parentPath.Length && u.Path.StartsWith(parentPath, StringComparison.Ordinal)
            && u.Path.IndexOf('/', parentPath.Length) == u.Path.Length - 1)];

    /// <summary>The units of the list from its top down to the one at <paramref name="path"/> (included), for a breadcrumb.</summary>
    public static IReadOnlyList<OrgUnitRef> Trail(IReadOnlyList<OrgUnitRef> units, string? path) =>
        path is null ? [] : [.. units.Where(u => path.StartsWith(u.Path, StringComparison.Ordinal)).OrderBy(u => u.Path.Length)];

    /// <summary>
    /// The child of <paramref name="parentPath"/> that a path lies under, as its id (<c>/1/7/9/</c> under <c>/1/</c> → 7); null
    /// when the path is the parent itself or not under it.
    /// </summary>
    public static int? ChildIdOn(string path, string parentPath)
    {
        if (path.Length <= parentPath.Length || !path.StartsWith(parentPath, StringComparison.Ordinal))
        {
            return null;
        }

        var end = path.IndexOf('/', parentPath.Length);
        return int.TryParse(path.AsSpan(parentPath.Length, end - parentPath.Length), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>
    /// What a unit filter offers: every unit of the list when there are at most <paramref name="limit"/>; otherwise the trail
    /// down to <paramref name="nearPath"/>, and under it its whole subtree if that is small enough, else its children (with no
    /// unit chosen: under the list's top if it has one, else the tops). <see cref="UnitChoices.Narrowed"/> tells the page to say so.
    /// </summary>
    public static UnitChoices Choices(IReadOnlyList<OrgUnitRef> units, string? nearPath, int limit = ChoiceLimit)
    {
        if (units.Count <= limit)
        {
            return new UnitChoices(units, Narrowed: false);
        }

        var roots = Roots(units);
        if (nearPath is null && roots is [var top])
        {
            nearPath = top.Path;
        }

        IReadOnlyList<OrgUnitRef> below;
        if (nearPath is null)
        {
            below = roots;
        }
        else
        {
            var subtree = units.Where(u => u.Path.Length > nearPath.Length && u.Path.StartsWith(nearPath, StringComparison.Ordinal)).ToList();
            below = subtree.Count <= limit ? subtree : Children(units, nearPath);
        }

        return new UnitChoices([.. Trail(units, nearPath).Concat(below).DistinctBy(u => u.Id).OrderBy(u => u.Path, StringComparer.Ordinal)], Narrowed: true);
    }
}

/// <summary>
/// A breakdown one level down the tree, as the readiness pages show it: under the chosen unit; with none chosen, under the scope's
/// top when that is one unit above the communes (a province manager sees their communes at once), else the scope's tops
/// themselves (an administrator's provinces, a commune manager's commune). A commune is not broken down further: its row is itself.
/// </summary>
public sealed class OrgBreakdown
{
    private readonly IReadOnlyList<OrgUnitRef> roots;

    private OrgBreakdown(OrgUnitRef? parent, IReadOnlyList<OrgUnitRef> roots) => (Parent, this.roots) = (parent, roots);

    /// <summary>The unit broken down, or null when the rows are the scope's tops.</summary>
    public OrgUnitRef? Parent { get; }

    public static OrgBreakdown For(IReadOnlyList<OrgUnitRef> units, OrgUnitRef? chosen)
    {
        var roots = OrgUnitTree.Roots(units);
        return new OrgBreakdown(chosen ?? (roots.Count == 1 && !OrgUnitTree.IsCommune(roots[0]) ? roots[0] : null), roots);
    }

    /// <summary>The id of the row a cadre at <paramref name="path"/> is counted in; null for the cadres directly in <see cref="Parent"/>
    /// (or outside every row).</summary>
    public int? RowOf(string path) => Parent is null
        ? roots.FirstOrDefault(r => path.StartsWith(r.Path, StringComparison.Ordinal))?.Id
        : OrgUnitTree.IsCommune(Parent) ? Parent.Id : OrgUnitTree.ChildIdOn(path, Parent.Path);
}

/// <summary>The units a filter offers, and whether they are only those around the current one.</summary>
public sealed record UnitChoices(IReadOnlyList<OrgUnitRef> Units, bool Narrowed);
