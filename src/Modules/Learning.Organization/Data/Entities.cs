namespace Learning.Organization.Data;

public enum OrgUnitKind
{
    Province,
    Commune,
    Ward,
    SpecialZone,
    Unit,
}

/// <summary>A node of the organisation tree: province → commune (xã / phường / đặc khu) → unit.</summary>
public sealed class OrgUnit
{
    public int Id { get; set; }

    /// <summary>Stable code used by recipes and CSV files, e.g. <c>KH-NHATRANG</c>.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public OrgUnitKind Kind { get; set; }

    public int? ParentId { get; set; }

    public OrgUnit? Parent { get; set; }

    /// <summary>Materialised path of ids, <c>/1/7/23/</c>: a scope is a prefix of it.</summary>
    public string Path { get; set; } = "/";

    public bool IsCommuneLevel => Kind is OrgUnitKind.Commune or OrgUnitKind.Ward or OrgUnitKind.SpecialZone;
}

public sealed class Cadre : Learning.Modularity.IHasSearchText
{
    public int Id { get; set; }

    public string Email { get; set; } = "";

    public string FullName { get; set; } = "";

    public string Position { get; set; } = "";

    public int UnitId { get; set; }

    public OrgUnit? Unit { get; set; }

    /// <summary>Copy of the unit's path: scope checks are a prefix match on one column, no join.</summary>
    public string OrgPath { get; set; } = "/";

    public string? Phone { get; set; }

    public DateOnly? JoinedCommuneOn { get; set; }

    /// <summary>The former district (huyện) the cadre came from, if transferred in the 2025 reform.</summary>
    public string? TransferredFrom { get; set; }

    public bool IsAccountingOfficer { get; set; }

    public string? UserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Folded name, e-mail and position, for the cadre search and pickers (kept by the data layer).</summary>
    public string? SearchText { get; set; }

    public string TextToSearch => FullName + " " + Email + " " + Position;
}

/// <summary>A manager (or trainer) sees the part of the tree under each unit they are assigned to.</summary>
public sealed class ScopeAssignment
{
    public int Id { get; set; }

    public string UserId { get; set; } = "";

    public int OrgUnitId { get; set; }

    public OrgUnit? OrgUnit { get; set; }
}
