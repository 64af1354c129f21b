using System.Diagnostics;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Notifications;
using Learning.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Bench;

/// <summary>
/// Issue 12: time to enqueue due-date reminders for the cadres of a province. Seeds N accounts, cadre profiles and enrolments
/// in one course due in 6½ days (raw SQL, PostgreSQL's generate_series: the seed is not measured), then runs the reminder job's
/// code once (<see cref="DueReminders"/>, as the hourly job does) and prints the time to enqueue and rows per second; a second
/// run must find nothing left to send.
/// </summary>
public static class RemindersBench
{
    public static async Task RunAsync(IServiceProvider services, int cadres, int pageSize)
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var seed = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var now = DateTime.UtcNow;
            var course = new Course { Slug = "nhac-han-thu-tai", Title = "Khóa học thử tải nhắc hạn: kỹ năng số cho cán bộ cấp xã", CreatedUtc = now, DraftUpdatedUtc = now };
            db.Add(course);
            await db.SaveChangesAsync();
            var unit = (await db.Database.SqlQueryRaw<int>("SELECT \"Id\" AS \"Value\" FROM org_unit WHERE \"Code\" = 'KH-NHATRANG-VP'").ToListAsync()).Single();
            var path = (await db.Database.SqlQueryRaw<string>("SELECT \"Path\" AS \"Value\" FROM org_unit WHERE \"Code\" = 'KH-NHATRANG-VP'").ToListAsync()).Single();
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO identity_user ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed", "SecurityStamp", "ConcurrencyStamp",
                    "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "DisplayName", "CreatedUtc")
                SELECT 'nhachan-' || i, 'nhachan' || i || '@example.vn', 'NHACHAN' || i || '@EXAMPLE.VN', 'nhachan' || i || '@example.vn', 'NHACHAN' || i || '@EXAMPLE.VN', true,
                    md5(i::text), md5(i::text), false, false, true, 0, 'Cán bộ nhắc hạn ' || i, {now}
                FROM generate_series(1, {cadres}) AS i
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO org_cadre ("Email", "FullName", "Position", "UnitId", "OrgPath", "UserId", "IsAccountingOfficer", "CreatedUtc", "UpdatedUtc")
                SELECT 'nhachan' || i || '@example.vn', 'Nguyễn Văn Nhắc ' || i, 'Công chức Văn phòng – Thống kê', {unit}, {path}, 'nhachan-' || i, false, {now}, {now}
                FROM generate_series(1, {cadres}) AS i
                """);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO courses_enrollment ("UserId", "CourseId", "Source", "EnrolledUtc", "DueUtc", "CompletedLessons", "RequiredLessons")
                SELECT 'nhachan-' || i, {course.Id}, 'Assigned', {now}, {now.AddDays(6.5)}, 0, 1
                FROM generate_series(1, {cadres}) AS i
                """);
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"seeded {cadres} cadres with an enrolment due in 6.5 days ({seed.Elapsed.TotalSeconds:0.0} s, not measured)");

        var (first, firstTime) = await SendAsync(services, pageSize);
        Console.WriteLine($"reminders: {first.Total} queued (7 days: {first.DueIn7Days}, 1 day: {first.DueIn1Day}, overdue: {first.Overdue}) in {firstTime.TotalSeconds:0.00} s = {first.Total / firstTime.TotalSeconds:0} rows/s (pages of {pageSize})");
        var (again, againTime) = await SendAsync(services, pageSize);
        Console.WriteLine($"rerun: {again.Total} new in {againTime.TotalSeconds:0.00} s");

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            var rows = await db.Set<Notification>().CountAsync(n => n.Type == NoticeTypes.DueIn7Days);
            var marked = await db.Set<Enrollment>().CountAsync(e => e.Due7NoticeFor != null && e.Due7NoticeFor == e.DueUtc);
            var check = rows == cadres && marked == cadres && again.Total == 0 ? "OK" : "MISMATCH";
            Console.WriteLine($"check: {rows} notification rows, {marked} enrolments marked: {check}");
            Console.WriteLine($"RESULT cadres={cadres} page={pageSize} enqueue_s={firstTime.TotalSeconds:0.00} rows_per_s={first.Total / firstTime.TotalSeconds:0} rerun_new={again.Total} db={check}");
        }
    }

    private static async Task<(DueReminderCounts Counts, TimeSpan Time)> SendAsync(IServiceProvider services, int pageSize)
    {
        await using var scope = services.CreateAsyncScope();
        var reminders = scope.ServiceProvider.GetRequiredService<DueReminders>();
        var watch = Stopwatch.StartNew();
        var counts = await reminders.SendAsync(pageSize);
        return (counts, watch.Elapsed);
    }
}
