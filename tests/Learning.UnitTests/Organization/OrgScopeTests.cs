using Learning.Organization;
using Learning.Organization.Data;
using Learning.Organization.Services;

namespace Learning.UnitTests.Organization;

public sealed class OrgScopeTests
{
    private static readonly Cadre[] Cadres =
    [
        new() { Id = 1, OrgPath = "/1/2/5/" },
        new() { Id = 2, OrgPath = "/1/3/7/" },
        new() { Id = 3, OrgPath = "/9/12/20/" },
        new() { Id = 4, OrgPath = "/1/22/" },
    ];

    [Fact]
    public void Apply_CommuneScope_KeepsOnlyThatSubtree()
    {
        var scope = new OrgScope(false, ["/1/2/"]);

        Assert.Equal([1], scope.Apply(Cadres.AsQueryable()).Select(c => c.Id));
    }

    [Fact]
    public void Apply_IdPrefixIsNotASubtree()
    {
        // "/1/2/" must not match "/1/22/": paths end with a slash so a prefix is always a whole id.
        var scope = new OrgScope(false, ["/1/2/"]);

        Assert.DoesNotContain(4, scope.Apply(Cadres.AsQueryable()).Select(c => c.Id));
        Assert.False(scope.Contains("/1/22/"));
    }

    [Fact]
    public void Apply_SeveralScopes_AreUnited()
    {
        var scope = new OrgScope(false, ["/1/3/", "/9/"]);

        Assert.Equal([2, 3], scope.Apply(Cadres.AsQueryable()).Select(c => c.Id).Order());
    }

    [Fact]
    public void Apply_NoAssignments_SeesNothing_AndEverythingSeesAll()
    {
        Assert.Empty(OrgScope.Nothing.Apply(Cadres.AsQueryable()));
        Assert.Equal(4, OrgScope.Everything.Apply(Cadres.AsQueryable()).Count());
    }

    [Theory]
    [InlineData(null, OrgUnitKind.Province, true)]
    [InlineData(null, OrgUnitKind.Commune, false)]
    [InlineData(OrgUnitKind.Province, OrgUnitKind.Ward, true)]
    [InlineData(OrgUnitKind.Province, OrgUnitKind.Unit, false)]
    [InlineData(OrgUnitKind.SpecialZone, OrgUnitKind.Unit, true)]
    [InlineData(OrgUnitKind.Unit, OrgUnitKind.Unit, true)]
    [InlineData(OrgUnitKind.Commune, OrgUnitKind.Province, false)]
    public void CanNest_FollowsProvinceCommuneUnit(OrgUnitKind? parent, OrgUnitKind child, bool expected) =>
        Assert.Equal(expected, OrganizationTree.CanNest(parent, child));
}
