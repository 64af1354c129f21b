using System.Diagnostics;
using System.Globalization;
using Learning.Data;
using Learning.Organization;
using Learning.Reports.Services.Completion;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Learning.Bench;

/// <summary>
/// Issue 14: the commune-by-course completion report at country scale, through <see cref="ICompletionReport.GroupsAsync"/> (the
/// code the report page runs, on <see cref="IReadDbContextFactory"/>) against the floor: the same aggregate hand-written in SQL
/// and run by psql (<c>\timing</c>, the second of two executions in one session), in the same run, alternating. Four cases: one
/// province broken down by commune (a province manager's scope) and the whole country by province (an administrator), each for
/// one course and for all courses. The first pair of each case is compared number by number.
/// </summary>
public static class ReportsBench
{
    public static async Task RunAsync(IServiceProvider services, int runs, string provinceCode, string courseSlug, string only)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var connection = new NpgsqlConnectionStringBuilder(services.GetRequiredService<DatabaseConnection>().ConnectionString);
        string provincePath;
        bool perEnrolment;
        int courseId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            provincePath = (await db.Database.SqlQuery<string>($"SELECT \"Path\" AS \"Value\" FROM org_unit WHERE \"Code\" = {provinceCode}").ToListAsync()).Single();
            courseId = (await db.Database.SqlQuery<int>($"SELECT \"Id\" AS \"Value\" FROM courses_course WHERE \"Slug\" = {courseSlug}").ToListAsync()).Single();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningDbContext>();
            perEnrolment = (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE indexname = 'IX_quizzes_attempt_UserId_CourseId'").ToListAsync()).Single() == 1;
        }

        Console.WriteLine(perEnrolment
            ? "floor: best quiz score per enrolment (LATERAL, by the proposed index IX_quizzes_attempt_UserId_CourseId)"
            : "floor: best quiz score per learner and course aggregated over all attempts, then joined (no index serves a per-enrolment look-up)");
        var province = new OrgScope(false, [provincePath]);
        var cases = new (string Name, OrgScope Scope, ReportFilter Filter)[]
        {
            ($"province {provinceCode} by commune, one course", province, new ReportFilter(CourseId: courseId, UnderPath: provincePath)),
            ($"province {provinceCode} by commune, all courses", province, new ReportFilter(UnderPath: provincePath)),
            ("country by province, one course", OrgScope.Everything, new ReportFilter(CourseId: courseId)),
            ("country by province, all courses", OrgScope.Everything, new ReportFilter()),
        };

        Console.WriteLine($"{runs} runs per case after one warm-up pair; times in ms; p95 by nearest rank");
        Console.WriteLine("| case | groups | enrolments | floor (psql) median / p95 | GroupsAsync median / p95 | ratio of medians | numbers |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var chosen = only.Length == 0 ? [.. Enumerable.Range(0, cases.Length)] : only.Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToList();
        foreach (var (name, scope, filter) in chosen.Select(i => cases[i]))
        {
            var sql = FloorSql(filter.UnderPath, filter.CourseId, perEnrolment);
            var (floorRows, _) = await PsqlAsync(connection, sql);
            var (appRows, _) = await GroupsAsync(services, scope, filter);
            var check = Compare(floorRows, appRows);
            var floor = new List<double>();
            var app = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                floor.Add((await PsqlAsync(connection, sql)).Ms);
                app.Add((await GroupsAsync(services, scope, filter)).Ms);
            }

            floor.Sort();
            app.Sort();
            var ratio = Median(app) / Median(floor);
            Console.WriteLine($"| {name} | {appRows.Count(g => g.Assigned > 0)} | {appRows.Sum(g => g.Assigned):N0} | {Median(floor):0.0} / {P95(floor):0.0} | {Median(app):0.0} / {P95(app):0.0} | {ratio:0.00}x | {check} |");
            Console.WriteLine($"RESULT case=\"{name}\" floor_median_ms={Median(floor):0.0} floor_p95_ms={P95(floor):0.0} app_median_ms={Median(app):0.0} app_p95_ms={P95(app):0.0} ratio={ratio:0.00} numbers={check}");
        }
    }

    /// <summary>
    /// The same numbers as GroupsAsync, written by hand: cadres where they are now, their active enrolments, the best graded quiz
    /// result per learner and course, the status by the report's rules (the overdue counted apart, within not started and in progress), grouped by the child unit of <paramref name="under"/> (or by
    /// province). Cadres are joined by their linked account (every bench cadre has one; the report also links by e-mail).
    /// </summary>
    public static string FloorSql(string? under, int? courseId, bool perEnrolment)
    {
        var course = courseId is { } id ? $" AND e.\"CourseId\" = {id}" : "";
        var quizCourse = courseId is { } qid ? $" AND \"CourseId\" = {qid}" : "";
        var group = under is null ? "substring(c.\"OrgPath\" from '^/[0-9]+/')" : $"CASE WHEN c.\"OrgPath\" = '{under}' THEN c.\"OrgPath\" ELSE substring(c.\"OrgPath\" from '^{under}[0-9]+/') END";
        var where = under is null ? "" : $" AND c.\"OrgPath\" LIKE '{under}%'";
        var grouped = $"""
            LEFT JOIN (SELECT "UserId", "CourseId", max("Score"::float8 * 100.0 / "MaxScore"::float8) AS best FROM quizzes_attempt
                                     WHERE "CourseId" IS NOT NULL AND "Score" IS NOT NULL AND "MaxScore" > 0 AND "State" <> 'InProgress'{quizCourse}
                                     GROUP BY 1, 2) s ON s."UserId" = e."UserId" AND s."CourseId" = e."CourseId"
            """;
        var lateral = """
            LEFT JOIN LATERAL (SELECT max(a."Score"::float8 * 100.0 / a."MaxScore"::float8) AS best FROM quizzes_attempt a
                                     WHERE a."UserId" = e."UserId" AND a."CourseId" = e."CourseId" AND a."Score" IS NOT NULL AND a."MaxScore" > 0
                                       AND a."State" <> 'InProgress') s ON true
            """;
        return $"""
            SELECT grp, count(*), count(*) FILTER (WHERE status = 0), count(*) FILTER (WHERE status = 1), count(*) FILTER (WHERE status = 2),
                   count(*) FILTER (WHERE late), avg(best), percentile_cont(0.5) WITHIN GROUP (ORDER BY best),
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
            FROM (SELECT {group} AS grp,
                         CASE WHEN e."CompletedUtc" IS NOT NULL THEN 2
                              WHEN e."CompletedLessons" = 0 AND e."LastActivityUtc" IS NULL THEN 0 ELSE 1 END AS status,
                         e."CompletedUtc" IS NULL AND e."DueUtc" < now() AS late,
                         s.best,
                         CASE WHEN e."CompletedUtc" IS NOT NULL THEN greatest(0, extract(epoch FROM e."CompletedUtc" - e."EnrolledUtc")::float8 / 86400) END AS days
                  FROM org_cadre c
                  JOIN courses_enrollment e ON e."UserId" = c."UserId" AND e."WithdrawnUtc" IS NULL{course}
                  {(perEnrolment ? lateral : grouped)}
                  WHERE true{where}) f
            GROUP BY grp ORDER BY grp
            """;
    }

    private static async Task<(List<CompletionGroup> Rows, double Ms)> GroupsAsync(IServiceProvider services, OrgScope scope, ReportFilter filter)
    {
        var watch = Stopwatch.StartNew();
        await using var serviceScope = services.CreateAsyncScope();
        var rows = await serviceScope.ServiceProvider.GetRequiredService<ICompletionReport>().GroupsAsync(scope, filter);
        return ([.. rows], watch.Elapsed.TotalMilliseconds);
    }

    /// <summary>Runs <paramref name="sql"/> twice in one psql session with \timing; the second execution's rows and time.</summary>
    private static async Task<(List<string[]> Rows, double Ms)> PsqlAsync(NpgsqlConnectionStringBuilder connection, string sql)
    {
        var start = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username ?? "postgres",
            "-d", connection.Database!, "-X", "-A", "-t", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", "\\timing on", "-c", sql, "-c", sql })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("psql: " + await errors);
        }

        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var times = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("Time: ", StringComparison.Ordinal)).ToList();
        var first = times[^2].i;
        var rows = lines.Skip(first + 1).Take(times[^1].i - first - 1).Select(l => l.Split('|')).ToList();
        return (rows, double.Parse(times[^1].l.Split(' ')[1], CultureInfo.InvariantCulture));
    }

    private static string Compare(List<string[]> floor, List<CompletionGroup> app)
    {
        var groups = app.Where(g => g.Assigned > 0).ToDictionary(g => g.OrgPath);
        if (groups.Count != floor.Count)
        {
            return $"MISMATCH ({floor.Count} groups in SQL, {groups.Count} in the report)";
        }

        foreach (var row in floor)
        {
            if (!groups.TryGetValue(row[0], out var g))
            {
                return $"MISMATCH ({row[0]} missing)";
            }

            int Int(int i) => int.Parse(row[i], CultureInfo.InvariantCulture);
            double? Real(int i) => row[i].Length == 0 ? null : double.Parse(row[i], CultureInfo.InvariantCulture);
            bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-6 * Math.Max(1, Math.Abs(a.Value));
            if (Int(1) != g.Assigned || Int(2) != g.NotStarted || Int(3) != g.InProgress || Int(4) != g.Completed || Int(5) != g.Overdue
                || !Close(Real(6), g.AverageScore) || !Close(Real(7), g.MedianScore) || !Close(Real(8), g.MedianDaysToComplete))
            {
                return $"MISMATCH at {g.OrgPath}: SQL {string.Join('|', row)}; report {g.Assigned}|{g.NotStarted}|{g.InProgress}|{g.Completed}|{g.Overdue}|{g.AverageScore}|{g.MedianScore}|{g.MedianDaysToComplete}";
            }
        }

        return "same";
    }

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;

    private static double P95(List<double> sorted) => sorted[Math.Max(0, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
}
