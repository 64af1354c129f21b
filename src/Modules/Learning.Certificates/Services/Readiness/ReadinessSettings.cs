using System.Globalization;
using System.Security.Claims;
using Learning.Certificates.Data;
using Learning.Courses;
using Learning.Data;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Readiness;

/// <summary>Sets what makes a province's cadres ready: a learning path, or a list of courses (audited).</summary>
public sealed class ReadinessSettings(LearningDbContext db, ICourseProgressQuery courses, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>Returns an error key, or null when saved. An empty choice (no path, no course) removes the requirement.</summary>
    public async Task<string?> SetAsync(int provinceUnitId, int? pathId, IReadOnlyCollection<int> courseIds, ClaimsPrincipal? user, CancellationToken cancellationToken = default)
    {
        if (pathId is { } p && !(await courses.PathsAsync(cancellationToken)).Any(x => x.Id == p && x.IsPublished))
        {
            return "Error.UnknownPath";
        }

        var known = (await courses.CoursesAsync(cancellationToken)).Where(c => c.IsPublished).Select(c => c.Id).ToHashSet();
        if (courseIds.Any(id => !known.Contains(id)))
        {
            return "Error.UnknownCourse";
        }

        var row = await db.Set<ReadinessRequirement>().SingleOrDefaultAsync(r => r.ProvinceUnitId == provinceUnitId, cancellationToken);
        var ids = pathId is null ? string.Join(',', courseIds.Distinct().Select(i => i.ToString(CultureInfo.InvariantCulture))) : "";
        var details = pathId is { } path ? $"path:{path}" : $"courses:{ids}";
        if (pathId is null && ids.Length == 0)
        {
            if (row is not null)
            {
                db.Remove(row);
            }

            details = "none";
        }
        else
        {
            if (row is null)
            {
                row = new ReadinessRequirement { ProvinceUnitId = provinceUnitId };
                db.Add(row);
            }

            (row.PathId, row.CourseIds, row.UpdatedUtc, row.UpdatedBy) = (pathId, ids, clock.GetUtcNow().UtcDateTime, user?.Identity?.Name ?? "system");
        }

        audit.Record("certificates.readiness.configured", $"province:{provinceUnitId}", details, user);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
