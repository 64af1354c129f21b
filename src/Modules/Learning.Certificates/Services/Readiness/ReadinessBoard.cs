using Learning.Certificates.Data;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;

namespace Learning.Certificates.Services.Readiness;

/// <summary>One cadre's readiness, with where they work (unit, commune, province) for lists, filters and the provider's file.</summary>
public sealed record CadreReadiness(
    CadreRecord Cadre,
    string UnitName,
    OrgUnitRef? Commune,
    OrgUnitRef? Province,
    ReadinessState State,
    int RequiredCount,
    int CompletedCount,
    SignatureRecord? Signature)
{
    /// <summary>The earliest enrolment in a required course (null: none).</summary>
    public DateTime? TrainingStartedUtc { get; init; }

    /// <summary>The latest enrolment in or completion of a required course (null: none).</summary>
    public DateTime? TrainingChangedUtc { get; init; }

    /// <summary>When every required course was completed: the last of their completions (null unless all are).</summary>
    public DateTime? TrainingCompletedUtc { get; init; }

    /// <summary>When the province's requirement was last changed (null: none configured).</summary>
    public DateTime? RequirementUpdatedUtc { get; init; }
}

/// <summary>Required courses per province, resolved: a configured path counts with its courses as they are now.</summary>
public sealed record ProvinceRequirement(int ProvinceUnitId, IReadOnlySet<int> CourseIds, IReadOnlyList<CourseRef> Courses, LearningPathRef? Path,
    DateTime? UpdatedUtc = null);

/// <summary>
/// Computes every cadre's state inside a scope: the cadres and their units from the organisation, the required courses of each
/// province, the enrolments in those courses from courses, the stored signatures, and today in Vietnam from the clock.
/// </summary>
public sealed class ReadinessBoard(LearningDbContext db, ICadreDirectory cadres, ICourseProgressQuery courses, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(LocalTime.ToLocal(clock.GetUtcNow().UtcDateTime));

    public Task<IReadOnlyList<CadreReadiness>> ListAsync(OrgScope scope, CancellationToken cancellationToken = default) =>
        BuildAsync(scope, null, cancellationToken);

    /// <summary>Those of these cadres inside the scope, read for them alone: not every cadre of a province to show one.</summary>
    public Task<IReadOnlyList<CadreReadiness>> ListAsync(OrgScope scope, IReadOnlyCollection<int> cadreIds, CancellationToken cancellationToken = default) =>
        BuildAsync(scope, cadreIds, cancellationToken);

    /// <summary>One cadre inside the scope, or null (missing and outside look the same).</summary>
    public async Task<CadreReadiness?> FindAsync(OrgScope scope, int cadreId, CancellationToken cancellationToken = default) =>
        await ListAsync(scope, [cadreId], cancellationToken) is [var one, ..] ? one : null;

    /// <summary>The cadres of these accounts (a completion), in any scope.</summary>
    public async Task<IReadOnlyList<CadreReadiness>> ForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var profile = await cadres.FindByUserAsync(userId, cancellationToken);
        if (profile is null)
        {
            return [];
        }

        return await ListAsync(OrgScope.Everything, [profile.CadreId], cancellationToken);
    }

    private async Task<IReadOnlyList<CadreReadiness>> BuildAsync(OrgScope scope, IReadOnlyCollection<int>? cadreIds, CancellationToken cancellationToken)
    {
        var records = cadreIds is null ? await cadres.RecordsAsync(scope, cancellationToken) : await cadres.RecordsAsync(scope, cadreIds, cancellationToken);
        if (records.Count == 0)
        {
            return [];
        }

        var units = (await cadres.UnitsAsync(OrgScope.Everything, cancellationToken)).ToDictionary(u => u.Id);
        var requirements = await RequirementsAsync(cancellationToken);
        var courseIds = requirements.Values.SelectMany(r => r.CourseIds).ToHashSet();
        // The enrolments of the accounts concerned: for a few named cadres, those of the units they work in (a few dozen
        // accounts) rather than of the whole scope.
        var paths = records.Select(r => r.OrgPath).Distinct(StringComparer.Ordinal).ToList();
        var accounts = cadreIds is not null && paths.Count <= 50 ? new OrgScope(false, paths) : scope;
        var enrolments = (await courses.EnrollmentsAsync(courseIds, accounts.Unrestricted ? null : cadres.UserIdsIn(accounts), cancellationToken))
            .ToLookup(e => e.UserId, StringComparer.Ordinal);
        var ids = records.Select(r => r.CadreId).ToList();
        var signatures = await db.Set<SignatureRecord>().AsNoTracking().Where(s => ids.Contains(s.CadreId)).ToDictionaryAsync(s => s.CadreId, cancellationToken);
        var today = Today;
        return records.Select(r => Build(r, units, requirements, enrolments, signatures.GetValueOrDefault(r.CadreId), today)).ToList();
    }

    public async Task<IReadOnlyDictionary<int, ProvinceRequirement>> RequirementsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<ReadinessRequirement>().AsNoTracking().ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new Dictionary<int, ProvinceRequirement>();
        }

        var allCourses = (await courses.CoursesAsync(cancellationToken)).ToDictionary(c => c.Id);
        var paths = (await courses.PathsAsync(cancellationToken)).ToDictionary(p => p.Id);
        var result = new Dictionary<int, ProvinceRequirement>();
        foreach (var row in rows)
        {
            var path = row.PathId is { } pathId ? paths.GetValueOrDefault(pathId) : null;
            var ids = path?.CourseIds ?? ParseIds(row.CourseIds);
            var known = ids.Where(allCourses.ContainsKey).Distinct().ToList();
            result[row.ProvinceUnitId] = new ProvinceRequirement(row.ProvinceUnitId, known.ToHashSet(), known.Select(id => allCourses[id]).ToList(), path,
                DateTime.SpecifyKind(row.UpdatedUtc, DateTimeKind.Utc));
        }

        return result;
    }

    public static IReadOnlyList<int> ParseIds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();

    public static IReadOnlyList<int> PathIds(string orgPath) =>
        orgPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();

    private static CadreReadiness Build(
        CadreRecord cadre,
        Dictionary<int, OrgUnitRef> units,
        IReadOnlyDictionary<int, ProvinceRequirement> requirements,
        ILookup<string, EnrollmentFact> enrolments,
        SignatureRecord? signature,
        DateOnly today)
    {
        var path = PathIds(cadre.OrgPath).Select(units.GetValueOrDefault).OfType<OrgUnitRef>().ToList();
        var province = path.FirstOrDefault(u => u.Kind == "Province") ?? path.FirstOrDefault();
        var commune = path.FirstOrDefault(u => u.Kind is "Commune" or "Ward" or "SpecialZone");
        var unitName = units.GetValueOrDefault(cadre.UnitId)?.Name ?? "";
        var requirement = province is not null ? requirements.GetValueOrDefault(province.Id) : null;
        var required = requirement?.CourseIds ?? new HashSet<int>();
        var mine = cadre.UserId is null ? [] : enrolments[cadre.UserId].Where(e => required.Contains(e.CourseId)).ToList();
        var enrolled = mine.Select(e => e.CourseId).ToHashSet();
        var completed = mine.Where(e => e.CompletedUtc is not null).Select(e => e.CourseId).ToHashSet();
        var facts = signature is null ? null : new SignatureFacts(signature.RequestedUtc is not null, signature.ReturnedUtc is not null, signature.Serial, signature.ValidFrom, signature.ValidTo);
        var state = ReadinessRules.Compute(new ReadinessInput(required, enrolled, completed, facts, today));
        static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
        var times = mine.Select(e => Utc(e.EnrolledUtc)).Concat(mine.Where(e => e.CompletedUtc is not null).Select(e => Utc(e.CompletedUtc!.Value))).ToList();
        return new CadreReadiness(cadre, unitName, commune, province, state, required.Count, completed.Count, signature)
        {
            TrainingStartedUtc = mine.Count == 0 ? null : mine.Min(e => Utc(e.EnrolledUtc)),
            TrainingChangedUtc = times.Count == 0 ? null : times.Max(),
            TrainingCompletedUtc = required.Count > 0 && required.All(completed.Contains) ? mine.Where(e => e.CompletedUtc is not null).Max(e => Utc(e.CompletedUtc!.Value)) : null,
            RequirementUpdatedUtc = requirement?.UpdatedUtc,
        };
    }
}
