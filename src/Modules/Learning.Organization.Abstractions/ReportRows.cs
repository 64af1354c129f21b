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
    IQueryable<CadreReportRow> Cadres(object context, OrgScope scope);

    IQueryable<OrgUnitRow> Units(object context, OrgScope scope);
}
