namespace Learning.Organization;

/// <summary>A cadre where they are NOW (their current unit and path), with the account they are known by (as
/// <see cref="ICadreDirectory.UserIdsIn"/> finds it: the linked account, or the linkable account with the same e-mail).</summary>
public sealed class CadreReportRow
{
    public int CadreId { get; init; }

    public string? UserId { get; init; }

    public string FullName { get; init; } = "";

    public string Email { get; init; } = "";

    public string Position { get; init; } = "";

    public int UnitId { get; init; }

    public string UnitName { get; init; } = "";

    public string OrgPath { get; init; } = "/";

    public DateOnly? JoinedCommuneOn { get; init; }

    public string? TransferredFrom { get; init; }

    public bool IsAccountingOfficer { get; init; }
}

public sealed class OrgUnitRow
{
    public int Id { get; init; }

    public int? ParentId { get; init; }

    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Province, Commune, Ward, SpecialZone or Unit.</summary>
    public string Kind { get; init; } = "";

    public string Path { get; init; } = "/";
}

/// <summary>
/// Cadres and units for reports, composable into ONE query on a context the caller chooses (a read context from
/// <c>IReadDbContextFactory</c>); <paramref name="context"/> is that <c>LearningDbContext</c>, typed <see cref="object"/> because
/// abstractions do not reference EF Core. The scope is a WHERE clause of the returned query.
/// </summary>
public interface IOrganizationReportRows
{
    /// <summary>Every cadre of the scope, with the account they are linked to or whose e-mail they share (null: none), in one
    /// query with no set operation: what a read ordered and paged by cadre id (the reporting API) wants.</summary>
    IQueryable<CadreReportRow> Cadres(object context, OrgScope scope);

    /// <summary>The cadres of <see cref="Cadres"/> linked to their account (nearly all): a query whose join on the account id the
    /// database plans from the column's statistics. A report over a province's rows reads these and <see cref="MatchedCadres"/>
    /// apart, or as a UNION ALL (their UserId columns have one type).</summary>
    IQueryable<CadreReportRow> LinkedCadres(object context, OrgScope scope);

    /// <summary>The cadres of <see cref="Cadres"/> not linked to an account, with the account of their e-mail where one may be theirs.</summary>
    IQueryable<CadreReportRow> MatchedCadres(object context, OrgScope scope);

    IQueryable<OrgUnitRow> Units(object context, OrgScope scope);
}
