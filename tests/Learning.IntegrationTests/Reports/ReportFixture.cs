using Learning.Courses.Data;
using Learning.Data.Entities;
using Learning.IntegrationTests.Infrastructure;
using Learning.Organization.Data;
using Learning.Quizzes.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.IntegrationTests.Reports;

/// <summary>
/// A hand-computed fixture in its own province "Tỉnh Báo Cáo" (/P/): commune A (with unit A1) and commune B. The clock is
/// 2026-12-02 03:00 UTC. Course C1 (quiz scores), course C2 (nobody enrolled), course C3; path = C1 + C3.
/// <list type="bullet">
/// <item>c1 in A1: C1 completed in 10 days, score 90; C3 completed too (path completed).</item>
/// <item>c2 directly in A: C1 completed in 4 days, score 70.</item>
/// <item>c3 in A1: C1 in progress (1 of 3 lessons), due 2026-12-20.</item>
/// <item>c4 directly in A: C1 not started, due 2026-11-20: overdue.</item>
/// <item>c5 in B, accounting officer: C1 not started, no due date.</item>
/// <item>c6 moved from B to A (directly): C1 completed in 20 days, score 40: counted in A.</item>
/// <item>c7 in B: C1 withdrawn (left out). c8 in B: no enrolment.</item>
/// </list>
/// </summary>
public sealed record ReportFixture(string Province, string CommuneA, string UnitA1, string CommuneB, int C1, int C2, int C3, int PathId,
    IReadOnlyDictionary<string, int> CadreIds)
{
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

    public static async Task<ReportFixture> CreateAsync(TestSite site, string tag = "rp")
    {
        return await site.WithDbAsync(async db =>
        {
            var province = new OrgUnit { Code = $"{tag}-P", Name = "Tỉnh Báo Cáo " + tag, Kind = OrgUnitKind.Province };
            db.Add(province);
            await db.SaveChangesAsync();
            province.Path = $"/{province.Id}/";
            var a = new OrgUnit { Code = $"{tag}-A", Name = "Phường Ánh Dương", Kind = OrgUnitKind.Ward, ParentId = province.Id };
            var b = new OrgUnit { Code = $"{tag}-B", Name = "Xã Bến Đò", Kind = OrgUnitKind.Commune, ParentId = province.Id };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            a.Path = $"{province.Path}{a.Id}/";
            b.Path = $"{province.Path}{b.Id}/";
            var a1 = new OrgUnit { Code = $"{tag}-A1", Name = "Bộ phận Một cửa", Kind = OrgUnitKind.Unit, ParentId = a.Id };
            db.Add(a1);
            await db.SaveChangesAsync();
            a1.Path = $"{a.Path}{a1.Id}/";

            var t0 = new DateTime(2026, 11, 1, 2, 0, 0, DateTimeKind.Utc);
            var c1 = Course(tag + "-c1", "Chữ ký số công vụ " + tag);
            var c2 = Course(tag + "-c2", "Khóa chưa ai học " + tag);
            var c3 = Course(tag + "-c3", "Dịch vụ công " + tag);
            db.AddRange(c1, c2, c3);
            var path = new LearningPath { Slug = tag + "-path", Title = "Lộ trình sẵn sàng " + tag };
            db.Add(path);
            var quiz = new Quiz { Key = tag + "-quiz", Title = "Kiểm tra " + tag, CreatedUtc = t0, UpdatedUtc = t0 };
            db.Add(quiz);
            await db.SaveChangesAsync();
            db.AddRange(new LearningPathCourse { PathId = path.Id, CourseId = c1.Id, Position = 1 }, new LearningPathCourse { PathId = path.Id, CourseId = c3.Id, Position = 2 });

            var ids = new Dictionary<string, int>();
            var users = new Dictionary<string, string>();
            foreach (var (key, unit, accounting) in new[] { ("c1", a1, false), ("c2", a, false), ("c3", a1, false), ("c4", a, false), ("c5", b, true), ("c6", b, false), ("c7", b, false), ("c8", b, false) })
            {
                var email = $"{key}.{tag}@example.vn";
                var user = new LearningUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Cán bộ " + key, CreatedUtc = t0, SecurityStamp = Guid.NewGuid().ToString() };
                db.Add(user);
                var cadre = new Cadre { Email = email, FullName = "Cán bộ " + key.ToUpperInvariant() + " Đặng", Position = key == "c3" ? "Kế toán" : "Công chức", UnitId = unit.Id, OrgPath = unit.Path, UserId = user.Id, IsAccountingOfficer = accounting, CreatedUtc = t0, UpdatedUtc = t0 };
                db.Add(cadre);
                await db.SaveChangesAsync();
                ids[key] = cadre.Id;
                users[key] = user.Id;
            }

            Enrollment E(string key, int course, int days = 0, int? doneAfter = null, int done = 0, DateTime? due = null, bool withdrawn = false) => new()
            {
                UserId = users[key],
                CourseId = course,
                EnrolledUtc = t0.AddDays(days),
                CompletedUtc = doneAfter is { } d ? t0.AddDays(days + d) : null,
                CompletedLessons = doneAfter is null ? done : 3,
                RequiredLessons = 3,
                LastActivityUtc = doneAfter is { } d2 ? t0.AddDays(days + d2) : done > 0 ? t0.AddDays(2) : null,
                DueUtc = due,
                WithdrawnUtc = withdrawn ? t0.AddDays(3) : null,
                Source = EnrollmentSource.Assigned,
            };
            db.AddRange(
                E("c1", c1.Id, doneAfter: 10), E("c1", c3.Id, doneAfter: 2),
                E("c2", c1.Id, doneAfter: 4),
                E("c3", c1.Id, done: 1, due: new DateTime(2026, 12, 20, 10, 0, 0, DateTimeKind.Utc)),
                E("c4", c1.Id, due: new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc)),
                E("c5", c1.Id),
                E("c6", c1.Id, doneAfter: 20),
                E("c7", c1.Id, withdrawn: true));
            var n = 0;
            Attempt At(string key, decimal score, decimal max = 10) => new()
            {
                PublicId = Guid.NewGuid(), QuizId = quiz.Id, UserId = users[key], Number = ++n, State = AttemptState.Finished, CourseId = c1.Id,
                StartedUtc = t0, SubmittedUtc = t0, Score = score, MaxScore = max, GradedUtc = t0,
            };
            db.AddRange(At("c1", 6), At("c1", 9), At("c2", 7), At("c6", 4));
            await db.SaveChangesAsync();

            // c6 moves from B to A: the report counts them where they are now.
            var moved = await db.Set<Cadre>().SingleAsync(c => c.Id == ids["c6"]);
            moved.UnitId = a.Id;
            moved.OrgPath = a.Path;
            moved.TransferredFrom = "Xã Bến Đò";
            moved.JoinedCommuneOn = new DateOnly(2026, 10, 15);
            await db.SaveChangesAsync();
            return new ReportFixture(province.Path, a.Path, a1.Path, b.Path, c1.Id, c2.Id, c3.Id, path.Id, ids);
        });

        static Course Course(string slug, string title) => new()
        {
            Slug = slug, Title = title, EstimatedHours = 4, IsPublished = true, PublishedVersion = 1, CreatedUtc = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
            DraftUpdatedUtc = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        };
    }
}
