using System.Diagnostics;
using System.Text.Json;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Data.Entities;
using Learning.Modularity;
using Learning.Organization.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Learning.Bench;

/// <summary>
/// The benchmark data set: a province of 100 communes, N cadres with accounts, M published courses of 4 modules × 5 lessons
/// (text taken from the shipped Vietnamese courses), and enrolments spread over cadres with realistic partial progress.
/// Deterministic (fixed seed) so runs are comparable.
/// </summary>
public sealed class Seeder(IServiceProvider services)
{
    private const int Batch = 5000;
    private readonly Random random = new(20261125);

    public async Task RunAsync(int courses, int cadres, int enrollments)
    {
        var total = Stopwatch.StartNew();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var texts = LoadLessonTexts();

        var (unitIds, unitPaths) = await SeedOrganizationAsync();
        Console.WriteLine($"organisation: {unitIds.Count} units");
        var userIds = await SeedCadresAsync(cadres, unitIds, unitPaths);
        Console.WriteLine($"cadres and accounts: {userIds.Count} ({total.Elapsed.TotalSeconds:0.0} s)");
        var courseLessons = await SeedCoursesAsync(courses, texts);
        Console.WriteLine($"courses published: {courseLessons.Count} ({total.Elapsed.TotalSeconds:0.0} s)");
        var (enrolled, progressRows) = await SeedEnrollmentsAsync(enrollments, userIds, courseLessons);
        Console.WriteLine($"enrolments: {enrolled}, lesson progress rows: {progressRows} ({total.Elapsed.TotalSeconds:0.0} s)");
    }

    internal static List<string> LoadLessonTexts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "content-recipes", "courses.recipe.json");
            if (File.Exists(file))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                return doc.RootElement.GetProperty("steps")[0].GetProperty("courses").EnumerateArray()
                    .SelectMany(c => c.GetProperty("modules").EnumerateArray())
                    .SelectMany(m => m.GetProperty("lessons").EnumerateArray())
                    .Select(l => l.TryGetProperty("markdown", out var md) ? md.GetString() ?? "" : "")
                    .Where(t => t.Length > 200)
                    .ToList();
            }
        }

        throw new FileNotFoundException("content-recipes/courses.recipe.json");
    }

    private async Task<(List<int> Ids, Dictionary<int, string> Paths)> SeedOrganizationAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
        var province = new OrgUnit { Code = "BENCH", Name = "Tỉnh Thử Tải", Kind = OrgUnitKind.Province };
        db.Add(province);
        await db.SaveChangesAsync();
        province.Path = $"/{province.Id}/";
        var communes = Enumerable.Range(1, 100).Select(i => new OrgUnit { Code = $"BENCH-C{i:000}", Name = $"Xã Thử Tải {i}", Kind = OrgUnitKind.Commune, ParentId = province.Id }).ToList();
        db.AddRange(communes);
        await db.SaveChangesAsync();
        communes.ForEach(c => c.Path = $"{province.Path}{c.Id}/");
        var units = communes.Select(c => new OrgUnit { Code = c.Code + "-VP", Name = "Văn phòng HĐND và UBND", Kind = OrgUnitKind.Unit, ParentId = c.Id }).ToList();
        db.AddRange(units);
        await db.SaveChangesAsync();
        for (var i = 0; i < units.Count; i++)
        {
            units[i].Path = $"{communes[i].Path}{units[i].Id}/";
        }

        await db.SaveChangesAsync();
        return (units.Select(u => u.Id).ToList(), units.ToDictionary(u => u.Id, u => u.Path));
    }

    private async Task<List<string>> SeedCadresAsync(int count, List<int> unitIds, Dictionary<int, string> paths)
    {
        string cadreRoleId;
        await using (var scope = services.CreateAsyncScope())
        {
            cadreRoleId = await scope.ServiceProvider.GetRequiredService<LearningDbContext>().Roles.Where(r => r.Name == LearningRoles.Cadre).Select(r => r.Id).SingleAsync();
        }

        var ids = new List<string>(count);
        var now = DateTime.UtcNow;
        for (var start = 0; start < count; start += Batch)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(count, start + Batch); i++)
            {
                var email = $"bench{i:00000}@example.vn";
                var user = NewUser(email, $"Cán bộ thử tải {i}", null, now);
                var unit = unitIds[i % unitIds.Count];
                db.Add(user);
                db.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = cadreRoleId });
                db.Add(new Cadre
                {
                    Email = email,
                    FullName = $"Nguyễn Văn Thử {i}",
                    Position = i % 7 == 0 ? "Công chức Tài chính – Kế toán" : "Công chức Văn phòng – Thống kê",
                    UnitId = unit,
                    OrgPath = paths[unit],
                    UserId = user.Id,
                    IsAccountingOfficer = i % 7 == 0,
                    JoinedCommuneOn = new DateOnly(2025, 7, 1),
                    CreatedUtc = now,
                    UpdatedUtc = now,
                });
                ids.Add(user.Id);
            }

            await db.SaveChangesAsync();
        }

        return ids;
    }

    internal async Task<List<(int CourseId, string[] Lessons)>> SeedCoursesAsync(int count, List<string> texts)
    {
        var result = new List<(int, string[])>();
        var topics = CourseTopics.All;
        for (var c = 0; c < count; c++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var now = DateTime.UtcNow;
            var course = new Course
            {
                Slug = $"thu-tai-{c:000}",
                Title = $"Khóa học thử tải {c}: kỹ năng số cho cán bộ cấp xã",
                Summary = texts[c % texts.Count][..Math.Min(300, texts[c % texts.Count].Length)],
                Topic = topics[c % topics.Count],
                EstimatedHours = 2,
                CreatedUtc = now,
                DraftUpdatedUtc = now,
                Modules = Enumerable.Range(1, 4).Select(m => new CourseModule
                {
                    Key = $"m{m}",
                    Title = $"Chương {m}",
                    Position = m,
                    Lessons = Enumerable.Range(1, 5).Select(l => new Lesson
                    {
                        Key = $"m{m}-l{l}",
                        Title = $"Bài {m}.{l}",
                        Position = l,
                        Minutes = 8,
                        Markdown = texts[(c * 20 + m * 5 + l) % texts.Count],
                    }).ToList(),
                }).ToList(),
            };
            db.Add(course);
            await db.SaveChangesAsync();
            foreach (var lesson in course.Modules.SelectMany(m => m.Lessons))
            {
                lesson.CourseId = course.Id;
            }

            await db.SaveChangesAsync();
            var published = await scope.ServiceProvider.GetRequiredService<CoursePublisher>().PublishAsync(course.Id, "bench");
            if (!published.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", published.Errors));
            }

            result.Add((course.Id, course.Modules.SelectMany(m => m.Lessons).OrderBy(l => l.Key).Select(l => l.Key).ToArray()));
        }

        return result;
    }

    private async Task<(int Enrollments, int Progress)> SeedEnrollmentsAsync(int count, List<string> users, List<(int CourseId, string[] Lessons)> courses)
    {
        var perUser = Math.Max(1, count / users.Count);
        var now = DateTime.UtcNow;
        int enrolled = 0, progressRows = 0;
        foreach (var chunk in users.Chunk(Math.Max(1, Batch / perUser)))
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var user in chunk)
            {
                foreach (var (courseId, lessons) in courses.OrderBy(_ => random.Next()).Take(perUser))
                {
                    if (enrolled >= count)
                    {
                        break;
                    }

                    var roll = random.Next(100);
                    var done = roll < 60 ? 0 : roll < 90 ? random.Next(1, 4) : random.Next(4, lessons.Length + 1);
                    db.Add(new Enrollment
                    {
                        UserId = user,
                        CourseId = courseId,
                        Source = EnrollmentSource.Assigned,
                        EnrolledUtc = now.AddDays(-random.Next(60)),
                        DueUtc = now.AddDays(random.Next(-10, 60)),
                        CompletedUtc = done == lessons.Length ? now : null,
                        CompletedLessons = done,
                        RequiredLessons = lessons.Length,
                        LastLessonKey = done > 0 ? lessons[done - 1] : null,
                        LastActivityUtc = done > 0 ? now : null,
                    });
                    for (var l = 0; l < done; l++)
                    {
                        db.Add(new LessonProgress { UserId = user, CourseId = courseId, LessonKey = lessons[l], FirstOpenedUtc = now, CompletedUtc = now, CompletedBy = "opened" });
                    }

                    enrolled++;
                    progressRows += done;
                }
            }

            await db.SaveChangesAsync();
        }

        return (enrolled, progressRows);
    }

    /// <summary>An account row as Identity would write it (the benches insert thousands directly; the hash may be shared).</summary>
    public static LearningUser NewUser(string email, string displayName, string? passwordHash, DateTime createdUtc) => new()
    {
        Id = Guid.NewGuid().ToString(),
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        DisplayName = displayName,
        PasswordHash = passwordHash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        CreatedUtc = createdUtc,
    };
}
