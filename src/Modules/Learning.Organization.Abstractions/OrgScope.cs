using System.Security.Claims;

namespace Learning.Organization;

/// <summary>What part of the organisation tree a user may see: everything (administrators) or the subtrees under their assignments.
/// Paths are materialised id paths such as <c>/1/7/</c>; a scope is a prefix.</summary>
public sealed record OrgScope(bool Unrestricted, IReadOnlyList<string> Paths)
{
    public static readonly OrgScope Everything = new(true, []);
    public static readonly OrgScope Nothing = new(false, []);

    public bool Contains(string path) => Unrestricted || Paths.Any(p => path.StartsWith(p, StringComparison.Ordinal));
}

public interface IOrganizationScopeService
{
    Task<OrgScope> GetScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    /// <summary>The scope of an account as the database has it now, for work done later on someone's behalf (a job, a digest).</summary>
    Task<OrgScope> ScopeOfUserAsync(string userId, CancellationToken cancellationToken = default);
}

/// <summary>A cadre as other modules see them. <see cref="UserId"/> is null until the cadre has an account.</summary>
public sealed record CadreProfile(
    int CadreId,
    string? UserId,
    string Email,
    string FullName,
    string Position,
    string OrgPath,
    string UnitName,
    DateOnly? JoinedOn,
    string? TransferredFrom,
    bool IsAccountingOfficer);

/// <summary>A cadre's record for lists and exports (a signature provider's file): <see cref="UserId"/> is the linked account, or the
/// account with the same e-mail when none is linked yet, or null.</summary>
public sealed record CadreRecord(int CadreId, string? UserId, string Email, string FullName, string Position, string? Phone, int UnitId, string OrgPath);

public sealed record OrgUnitRef(int Id, string Code, string Name, string Kind, string Path);

/// <summary>Which cadres an assignment rule reaches. Null members do not filter.</summary>
public sealed record CadreFilter(
    string? UnderPath = null,
    string? Position = null,
    DateOnly? JoinedOnOrAfter = null,
    bool? TransferredOnly = null,
    bool? AccountingOfficersOnly = null,
    string? Email = null);

public interface ICadreDirectory
{
    Task<IReadOnlyList<CadreProfile>> FindAsync(CadreFilter filter, CancellationToken cancellationToken = default);

    Task<CadreProfile?> FindByUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>The cadres of these accounts, in one query (a list of names for a digest or a report); accounts with no cadre are left out.</summary>
    Task<IReadOnlyList<CadreProfile>> FindByUsersAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Every cadre inside <paramref name="scope"/>, with the account they are known by (as <see cref="UserIdsIn"/> finds it).</summary>
    Task<IReadOnlyList<CadreRecord>> RecordsAsync(OrgScope scope, CancellationToken cancellationToken = default);

    /// <summary>Those of these cadres that are inside <paramref name="scope"/>, read for them alone (one cadre's page, a list's ticked rows).</summary>
    Task<IReadOnlyList<CadreRecord>> RecordsAsync(OrgScope scope, IReadOnlyCollection<int> cadreIds, CancellationToken cancellationToken = default);

    Task<OrgUnitRef?> FindUnitAsync(string code, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrgUnitRef>> UnitsAsync(OrgScope scope, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> PositionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The account ids of the cadres inside <paramref name="scope"/>, as a query other modules compose into their own
    /// (a sub-select, never a list in memory): the way a report or a count is limited to a manager's scope.</summary>
    IQueryable<string> UserIdsIn(OrgScope scope);
}
