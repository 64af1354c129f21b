using Learning.Organization;

namespace Learning.UnitTests.Organization;

/// <summary>Moving through the tree a level at a time: the tops of a scope, a unit's children, the trail, and what a unit filter
/// offers when a country's 10,000 units are too many for one list.</summary>
public sealed class OrgUnitTreeTests
{
    // Two provinces; the first with two communes (one with a department) and a provincial department; the second with one commune.
    private static readonly OrgUnitRef[] Country =
    [
        new(1, "P1", "Tỉnh Khánh Hòa", "Province", "/1/"),
        new(2, "C2", "Phường Nha Trang", "Ward", "/1/2/"),
        new(3, "U3", "Văn phòng HĐND-UBND", "Unit", "/1/2/3/"),
        new(4, "C4", "Xã Cam Lâm", "Commune", "/1/4/"),
        new(5, "U5", "Sở Nội vụ", "Unit", "/1/5/"),
        new(6, "P6", "Tỉnh Lâm Đồng", "Province", "/6/"),
        new(7, "C7", "Đặc khu Phú Quý", "SpecialZone", "/6/7/"),
    ];

    [Fact]
    public void ParentPath_IsOneLevelUp_AndNullAtTheTop()
    {
        Assert.Equal("/1/2/", OrgUnitTree.ParentPath("/1/2/3/"));
        Assert.Equal("/1/", OrgUnitTree.ParentPath("/1/2/"));
        Assert.Null(OrgUnitTree.ParentPath("/1/"));
        Assert.Null(OrgUnitTree.ParentPath("")); // a unit between its two saves
        Assert.Null(OrgUnitTree.ParentPath("/"));
    }

    [Fact]
    public void Roots_AreTheUnitsWhoseParentIsNotInTheList()
    {
        Assert.Equal([1, 6], OrgUnitTree.Roots(Country).Select(u => u.Id));
        Assert.Equal([1, 6], OrgUnitTree.Roots([.. Country, new(8, "NEW", "Đơn vị đang tạo", "Commune", "")]).Select(u => u.Id)); // not a top
        // A commune manager's scope: their commune and its department.
        Assert.Equal([2], OrgUnitTree.Roots(Country.Where(u => u.Path.StartsWith("/1/2/", StringComparison.Ordinal)).ToList()).Select(u => u.Id));
    }

    [Fact]
    public void Children_AreOneLevelDown_AndChildIdOnNamesTheOneAPathLiesUnder()
    {
        Assert.Equal([2, 4, 5], OrgUnitTree.Children(Country, "/1/").Select(u => u.Id));
        Assert.Empty(OrgUnitTree.Children(Country, "/1/4/"));
        Assert.Equal(2, OrgUnitTree.ChildIdOn("/1/2/3/", "/1/"));
        Assert.Equal(4, OrgUnitTree.ChildIdOn("/1/4/", "/1/"));
        Assert.Null(OrgUnitTree.ChildIdOn("/1/", "/1/"));
        Assert.Null(OrgUnitTree.ChildIdOn("/6/7/", "/1/"));
        Assert.Null(OrgUnitTree.ChildIdOn("/11/2/", "/1/")); // a sibling whose id begins with the same digits
    }

    [Fact]
    public void RowsKind_NamesWhatTheRowsAre_AndProvincesAndCommunesLeaveOutTheDepartments()
    {
        Assert.Equal("Province", OrgUnitTree.RowsKind([Country[0], Country[5]]));
        Assert.Equal("Commune", OrgUnitTree.RowsKind([Country[1], Country[3], Country[6]])); // ward, commune, special zone
        Assert.Equal("Unit", OrgUnitTree.RowsKind([Country[1], Country[4]]));
        Assert.Equal("Unit", OrgUnitTree.RowsKind([]));
        Assert.Equal([1, 2, 4, 6, 7], OrgUnitTree.ProvincesAndCommunes(Country, null).Select(u => u.Id));
        Assert.Equal([1, 2, 3, 4, 6, 7], OrgUnitTree.ProvincesAndCommunes(Country, 3).Select(u => u.Id)); // a department already chosen
    }

    [Fact]
    public void Trail_RunsFromTheTopDownToTheUnit()
    {
        Assert.Equal([1, 2, 3], OrgUnitTree.Trail(Country, "/1/2/3/").Select(u => u.Id));
        Assert.Empty(OrgUnitTree.Trail(Country, null));
    }

    [Fact]
    public void Choices_OfferEverything_WhileTheListIsSmall()
    {
        var choices = OrgUnitTree.Choices(Country, "/1/2/");
        Assert.False(choices.Narrowed);
        Assert.Equal(7, choices.Units.Count);
    }

    [Fact]
    public void Choices_OverTheLimit_OfferTheTrailAndWhatIsBelow()
    {
        var top = OrgUnitTree.Choices(Country, null, limit: 3);
        Assert.True(top.Narrowed);
        Assert.Equal([1, 6], top.Units.Select(u => u.Id));

        // Province 1's subtree (4 units) is over the limit: its children only, after the trail.
        Assert.Equal([1, 2, 4, 5], OrgUnitTree.Choices(Country, "/1/", limit: 3).Units.Select(u => u.Id));

        // A ward's subtree is small: all of it.
        Assert.Equal([1, 2, 3], OrgUnitTree.Choices(Country, "/1/2/", limit: 3).Units.Select(u => u.Id));

        // A province manager's list has one top: it opens at the province's children, not at the province alone.
        var province = Country.Where(u => u.Path.StartsWith("/1/", StringComparison.Ordinal)).ToList();
        Assert.Equal([1, 2, 4, 5], OrgUnitTree.Choices(province, null, limit: 3).Units.Select(u => u.Id));
    }

    [Fact]
    public void ACountry_OffersAFewDozenUnitsAtATime()
    {
        var units = new List<OrgUnitRef>();
        var id = 0;
        for (var p = 0; p < 34; p++)
        {
            var province = new OrgUnitRef(++id, $"P{id}", $"Tỉnh {p}", "Province", $"/{id}/");
            units.Add(province);
            for (var c = 0; c < 98; c++)
            {
                var commune = new OrgUnitRef(++id, $"C{id}", $"Xã {c}", "Commune", $"{province.Path}{id}/");
                units.Add(commune);
                units.Add(new OrgUnitRef(++id, $"U{id}", "Văn phòng", "Unit", $"{commune.Path}{id}/"));
                units.Add(new OrgUnitRef(++id, $"U{id}", "Công an", "Unit", $"{commune.Path}{id}/"));
            }
        }

        Assert.Equal(34, OrgUnitTree.Choices(units, null).Units.Count);
        Assert.Equal(1 + 98 * 3, OrgUnitTree.Choices(units, units[0].Path).Units.Count); // a province's 295 units: all of them
        Assert.Equal(1 + 1 + 2, OrgUnitTree.Choices(units, units[1].Path).Units.Count);

        // A province on its own (295 units) is one list, as every province's deployment had it.
        Assert.False(OrgUnitTree.Choices([.. units.Where(u => u.Path.StartsWith(units[0].Path, StringComparison.Ordinal))], null).Narrowed);
    }
}
