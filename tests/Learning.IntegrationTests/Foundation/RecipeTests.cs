using System.Reflection;
using System.Text.Json.Nodes;
using Learning.Courses.Data;
using Learning.Data;
using Learning.IntegrationTests.Infrastructure;
using Learning.Modularity;
using Learning.Organization.Data;
using Learning.Organization.Services;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Foundation;

public sealed class RecipeTests
{
    private static Task<RecipeResult> RunAsync(TestSite site, string json) => site.RunRecipeAsync(json);

    private static Task<(int Units, int Cadres, int Users, int Roles)> CountsAsync(TestSite site) =>
        site.WithDbAsync(async db => (await db.Set<OrgUnit>().CountAsync(), await db.Set<Cadre>().CountAsync(), await db.Users.CountAsync(), await db.Roles.CountAsync()));

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SetupRecipe_RunAgain_CreatesNoDuplicates(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await CountsAsync(site);

        var result = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Databases.ContentRecipes("setup.recipe.json"), Learning.Modularity.RecipeRunOptions.System));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(before, await CountsAsync(site));
        Assert.Equal((16 + 2, 24), (before.Units - await site.WithDbAsync(db => db.Set<OrgUnit>().CountAsync(u => u.Kind == OrgUnitKind.Unit)), before.Cadres));
    }

    /// <summary>
    /// A step of a module switched off is skipped (its manifest names it); a step no module names is still refused. And every
    /// registered step handler is named in its own module's manifest, so that the skipping cannot miss one.
    /// </summary>
    [Fact]
    public async Task StepsOfAModuleSwitchedOff_AreSkipped_UnknownStepsStillRefused_AndEveryHandlerIsInItsManifest()
    {
        await using var site = await TestSite.StartAsync(DatabaseProvider.Sqlite, recipe: null, settings: new() { ["Learning:Modules:Disabled"] = "Learning.Media" });
        var skipped = await site.RunRecipeAsync("""
            { "name": "bo-qua", "steps": [
              { "name": "hotlines", "hotlines": [ { "key": "x", "field": "public-services", "name": "Không dùng", "phone": "1900 0000" } ] },
              { "name": "roles", "roles": [ { "name": "Kiểm thử bỏ qua" } ] } ] }
            """);
        Assert.True(skipped.Succeeded, skipped.Error);
        Assert.Equal(1, skipped.StepsExecuted);
        Assert.Equal(["hotlines (Learning.Media)"], skipped.Skipped);
        Assert.True(await site.WithDbAsync(db => db.Roles.AnyAsync(r => r.Name == "Kiểm thử bỏ qua")));
        // The shipped setup: its included support recipe's hotlines are skipped, and the result says so.
        var setup = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Databases.ContentRecipes("setup.recipe.json"), RecipeRunOptions.System));
        Assert.True(setup.Succeeded, setup.Error);
        Assert.Equal(["hotlines (Learning.Media)"], setup.Skipped);
        var unknown = await site.RunRecipeAsync("""{ "name": "sai-ten", "steps": [ { "name": "hotline" } ] }""");
        Assert.False(unknown.Succeeded);
        Assert.Equal("$.steps[0].name", unknown.JsonPath);

        // The list says so before a run: the help videos' recipe has nothing to run here (its button is off), setup skips the
        // hotlines of the support recipe it includes, the courses lose nothing.
        var listed = await site.WithServiceAsync<IRecipeRunner, IReadOnlyList<RecipeDescriptor>>(r => Task.FromResult(r.ListRecipes()));
        var byName = listed.ToDictionary(r => r.Name);
        Assert.True(byName["help-videos"].NothingToRun);
        Assert.Equal(["helpVideos (Learning.Media)"], byName["help-videos"].Skipped);
        Assert.True(byName["support"].NothingToRun);
        Assert.False(byName["setup"].NothingToRun);
        Assert.Equal(["hotlines (Learning.Media)"], byName["setup"].Skipped);
        Assert.Empty(byName["courses"].Skipped);
        using var admin = await site.SignedInAsync(TestSite.AdminEmail);
        var page = (await admin.GetAsync("/Admin/Recipes")).Body;
        var helpRow = page[page.LastIndexOf("<tr>", page.IndexOf("value=\"help-videos\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        helpRow = helpRow[..helpRow.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("Không có gì để chạy trên trang này", helpRow, StringComparison.Ordinal);
        Assert.Contains("disabled", helpRow, StringComparison.Ordinal);
        var setupRow = page[page.LastIndexOf("<tr>", page.IndexOf("value=\"setup\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        setupRow = setupRow[..setupRow.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("sẽ bỏ qua vì phân hệ của chúng đang tắt: hotlines (Learning.Media)", setupRow, StringComparison.Ordinal);
        Assert.DoesNotContain("disabled", setupRow, StringComparison.Ordinal);

        await using var all = await TestSite.StartAsync(DatabaseProvider.Sqlite, recipe: null);
        Assert.All(await all.WithServiceAsync<IRecipeRunner, IReadOnlyList<RecipeDescriptor>>(r => Task.FromResult(r.ListRecipes())), r => Assert.Empty(r.Skipped));
        var handlers = await all.WithServiceAsync<IEnumerable<IRecipeStepHandler>, List<(string Step, string[] Declared, string Type)>>(h => Task.FromResult(
            h.Select(x => (x.StepName, x.GetType().Assembly.GetCustomAttribute<ModuleAttribute>()!.RecipeSteps, x.GetType().Name)).ToList()));
        Assert.Equal(17, handlers.Count);
        Assert.All(handlers, h => Assert.True(h.Declared.Contains(h.Step), $"{h.Type}: step '{h.Step}' is not in its module's RecipeSteps"));
        var renderers = await all.WithServiceAsync<IEnumerable<Learning.Courses.ILessonKindRenderer>, List<(string Kind, string[] Declared, string Type)>>(r => Task.FromResult(
            r.Select(x => (x.Kind, x.GetType().Assembly.GetCustomAttribute<ModuleAttribute>()!.LessonKinds, x.GetType().Name)).ToList()));
        Assert.Equal(["quiz", "video"], renderers.Select(r => r.Kind).Order().ToList());
        Assert.All(renderers, r => Assert.True(r.Declared.Contains(r.Kind), $"{r.Type}: kind '{r.Kind}' is not in its module's LessonKinds"));
    }

    /// <summary>
    /// The shipped setup with the quizzes module switched off (README's promise for <c>Learning:Modules:Disabled</c>): it runs,
    /// and says what it left out. The quizzes' steps, the readiness path of the certificates module that goes with it, and each
    /// course's final quiz lesson (a kind only that module renders) are skipped, the rest of every course is set up and
    /// published. A quiz lesson already in a draft is kept where the recipe names it, for when the module is on again; a
    /// lesson kind no module offers is still refused.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task SetupWithQuizzesSwitchedOff_SkipsTheQuizLessons_AndSetsUpTheRest(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider, recipe: null, settings: new() { ["Learning:Modules:Disabled"] = "Learning.Quizzes" });
        var setup = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Databases.ContentRecipes("setup.recipe.json"), RecipeRunOptions.System));

        Assert.True(setup.Succeeded, setup.Error);
        Assert.Contains("questionBank (Learning.Quizzes)", setup.Skipped);
        Assert.Contains("readiness (Learning.Certificates)", setup.Skipped);
        Assert.Contains("bài học chu-ky-so-cong-vu-m4-l3 (Learning.Quizzes)", setup.Skipped);
        var lessons = await site.WithDbAsync(db => db.Set<Lesson>().Select(l => new { l.Key, l.Kind }).ToListAsync());
        Assert.DoesNotContain(lessons, l => l.Kind == "quiz");
        Assert.Equal(6, setup.Skipped.Count(s => s.StartsWith("bài học ", StringComparison.Ordinal)));
        Assert.Contains(lessons, l => l.Key == "chu-ky-so-cong-vu-m4-l2");
        Assert.True(await site.WithDbAsync(db => db.Set<Course>().AnyAsync(c => c.Slug == "chu-ky-so-cong-vu" && c.IsPublished && c.PublishedVersion > 0)));

        // A quiz lesson already in the draft (written while the module was on) stays, in the place the recipe gives it.
        var module = await site.WithDbAsync(db => db.Set<CourseModule>().Include(m => m.Lessons).FirstAsync(m => m.Lessons.Any(l => l.Key == "chu-ky-so-cong-vu-m4-l2")));
        await site.WithDbAsync(db =>
        {
            db.Add(new Lesson { Key = "chu-ky-so-cong-vu-m4-l3", Title = "Bài kiểm tra cuối khóa", Kind = "quiz", Reference = "kt-chu-ky-so-cong-vu", CourseId = module.CourseId, ModuleId = module.Id, Position = 99 });
            return db.SaveChangesAsync();
        });
        var again = await site.WithServiceAsync<IRecipeRunner, RecipeResult>(r => r.RunFileAsync(Databases.ContentRecipes("courses.recipe.json"), RecipeRunOptions.System));
        Assert.True(again.Succeeded, again.Error);
        var kept = await site.WithDbAsync(db => db.Set<Lesson>().SingleAsync(l => l.Key == "chu-ky-so-cong-vu-m4-l3"));
        Assert.Equal(("quiz", "kt-chu-ky-so-cong-vu"), (kept.Kind, kept.Reference));
        Assert.Equal(module.Lessons.Max(l => l.Position) + 1, kept.Position);

        var unknown = await site.RunRecipeAsync("""
            { "name": "sai-loai", "steps": [ { "name": "courses", "courses": [ { "slug": "sai-loai", "title": "Sai loại",
              "modules": [ { "key": "c1", "title": "Chương 1", "lessons": [ { "key": "x", "title": "X", "kind": "podcast" } ] } ] } ] } ] }
            """);
        Assert.False(unknown.Succeeded);
        Assert.Equal("$.steps[0].courses[0].modules[0].lessons[0].kind", unknown.JsonPath);
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Recipe_MalformedJson_FailsWithLineAndChangesNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await CountsAsync(site);

        var result = await RunAsync(site, "{ \"name\": \"broken\",\n  \"steps\": [ { \"name\": \"settings\" \n ");

        Assert.False(result.Succeeded);
        Assert.Contains("dòng", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(site));
    }

    /// <summary>Issue 10, item 5: each wrong shape is named for what it is, at its JSON path, and nothing changes.</summary>
    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Recipe_WrongShapes_NameTheRealProblemAndPath_AndChangeNothing(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await CountsAsync(site);
        var siteName = await site.WithDbAsync(db => db.SiteSettings.Select(s => s.SiteName).SingleAsync());

        var deep = await RunAsync(site, "{ \"name\": \"sau\", \"steps\": [ " + new string('[', 70) + new string(']', 70) + " ] }");
        Assert.False(deep.Succeeded);
        Assert.Contains("lồng nhau quá 64 cấp", deep.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cú pháp", deep.Error, StringComparison.Ordinal);

        var numberKey = await RunAsync(site, """{ "name": "so", "steps": [ { "name": "settings", "siteName": "Tên mới" }, { "name": "courses", "courses": [ { "slug": "so", "title": "Số", "modules": [ { "key": 123, "title": "Chương", "lessons": [] } ] } ] } ] }""");
        Assert.False(numberKey.Succeeded);
        Assert.Equal("$.steps[1].courses[0].modules[0].key", numberKey.JsonPath);
        Assert.Equal("“key” phải là chuỗi ký tự, không phải số.", numberKey.Error);

        var settingsNumber = await RunAsync(site, """{ "name": "cd", "steps": [ { "name": "settings", "siteName": 123 } ] }""");
        Assert.False(settingsNumber.Succeeded);
        Assert.Equal("$.steps[0].siteName", settingsNumber.JsonPath);
        Assert.Contains("“siteName” phải là chuỗi ký tự", settingsNumber.Error, StringComparison.Ordinal);

        var settingsUnknown = await RunAsync(site, """{ "name": "cd", "steps": [ { "name": "settings", "sitename": "Tên mới" } ] }""");
        Assert.False(settingsUnknown.Succeeded);
        Assert.Equal("$.steps[0].sitename", settingsUnknown.JsonPath);
        Assert.Contains("siteName, theme", settingsUnknown.Error, StringComparison.Ordinal);

        Assert.Equal(before, await CountsAsync(site));
        Assert.Equal(siteName, await site.WithDbAsync(db => db.SiteSettings.Select(s => s.SiteName).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Recipe_UnknownCommuneInLaterStep_NamesStepAndPath_AndRollsBackEarlierSteps(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await CountsAsync(site);
        const string json = """
        {
          "name": "bad-cadre",
          "steps": [
            { "name": "organization", "units": [ { "code": "KH", "name": "Khánh Hòa", "kind": "province", "children": [
                { "code": "KH-VANNINH", "name": "Vạn Ninh", "kind": "commune" } ] } ] },
            { "name": "cadres", "cadres": [
                { "email": "moi@example.vn", "fullName": "Phạm Thị Mới", "unit": "KH-VANNINH" },
                { "email": "sai@example.vn", "fullName": "Đỗ Văn Sai", "unit": "KH-KHONGCO" } ] }
          ]
        }
        """;

        var result = await RunAsync(site, json);

        Assert.False(result.Succeeded);
        Assert.Equal("cadres", result.StepName);
        Assert.Equal("$.steps[1].cadres[1].unit", result.JsonPath);
        Assert.Contains("KH-KHONGCO", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(site));
        Assert.False(await site.WithDbAsync(db => db.Set<OrgUnit>().AnyAsync(u => u.Code == "KH-VANNINH")));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task Recipe_UnknownStepOrBadKind_IsRejectedBeforeAnythingRuns(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        var before = await CountsAsync(site);

        var unknown = await RunAsync(site, """{ "name": "x", "steps": [ { "name": "settings", "siteName": "Đổi tên" }, { "name": "teleport" } ] }""");
        var badKind = await RunAsync(site, """{ "name": "y", "steps": [ { "name": "organization", "units": [ { "code": "Q", "name": "Q", "kind": "district" } ] } ] }""");
        var password = await RunAsync(site, """{ "name": "z", "steps": [ { "name": "users", "users": [ { "email": "a@example.vn", "password": "Secret123456" } ] } ] }""");

        Assert.Equal("$.steps[1].name", unknown.JsonPath);
        Assert.Equal("$.steps[0].units[0].kind", badKind.JsonPath);
        Assert.Equal("$.steps[0].users[0].password", password.JsonPath);
        Assert.Equal(before, await CountsAsync(site));
        Assert.Equal("Trang thử nghiệm", await site.WithDbAsync(db => db.SiteSettings.Select(s => s.SiteName).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task OrganizationExport_ReimportsIdempotently_AndCarriesVietnameseNames(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        var (status, body, _) = await client.GetAsync("/Admin/Organization/export.recipe.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var recipe = JsonNode.Parse(body)!;
        Assert.Equal("organization", (string?)recipe["steps"]![0]!["name"]);
        Assert.Contains("Khánh Hòa", body, StringComparison.Ordinal);
        Assert.Equal(24, recipe["steps"]![1]!["cadres"]!.AsArray().Count);

        var before = await CountsAsync(site);
        var result = await RunAsync(site, body);
        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(before, await CountsAsync(site));
    }

    [Theory]
    [MemberData(nameof(Databases.All), MemberType = typeof(Databases))]
    public async Task ScopesAndUsersSteps_CreateManagerWithoutPassword_AndScopeIt(DatabaseProvider provider)
    {
        await using var site = await TestSite.StartAsync(provider);
        const string json = """
        { "name": "managers", "steps": [
            { "name": "users", "users": [ { "email": "ql.nhatrang@example.vn", "displayName": "Quản lý Nha Trang", "roles": ["Manager"] } ] },
            { "name": "scopes", "scopes": [ { "user": "ql.nhatrang@example.vn", "unit": "KH-NHATRANG" } ] } ] }
        """;

        Assert.True((await RunAsync(site, json)).Succeeded);
        Assert.True((await RunAsync(site, json)).Succeeded);

        var user = await site.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "ql.nhatrang@example.vn"));
        Assert.Null(user.PasswordHash);
        Assert.Equal(1, await site.WithDbAsync(db => db.Set<ScopeAssignment>().CountAsync(s => s.UserId == user.Id)));
    }
}
