using System.Text.Json;
using Learning.Courses.Data;
using Learning.Courses.Services;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Courses.Recipes;

/// <summary>
/// <c>{ "name": "assignments", "assignments": [ { "course": "slug", "target": "unit|position|cadre|transferredWithinMonths|accountingOfficers", "value": "…", "dueDays": 30 } ] }</c>.
/// Idempotent by (course, target, value); enrols the matching cadres at once.
/// </summary>
public sealed class AssignmentsStep(LearningDbContext db, EnrollmentService enrollments, ICadreDirectory cadres, IStringLocalizer<CoursesStrings> t, TimeProvider clock) : IRecipeStepHandler
{
    public static readonly IReadOnlyDictionary<string, AssignmentTarget> Targets = new Dictionary<string, AssignmentTarget>(StringComparer.OrdinalIgnoreCase)
    {
        ["cadre"] = AssignmentTarget.Cadre,
        ["unit"] = AssignmentTarget.Unit,
        ["position"] = AssignmentTarget.Position,
        ["transferredWithinMonths"] = AssignmentTarget.TransferredWithinMonths,
        ["accountingOfficers"] = AssignmentTarget.AccountingOfficers,
    };

    public string StepName => "assignments";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (item, path) in context.ArrayItems(context.Step, "assignments", "", t["Recipe.AssignmentsRequired"]).ToList())
        {
            var slug = context.RequiredString(item, "course", path, t["Recipe.CourseRequired"]);
            var courseId = await db.Set<Course>().Where(c => c.Slug == slug).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken)
                ?? throw context.Error(path + ".course", t["Recipe.CourseUnknown", slug]);
            var targetName = context.RequiredString(item, "target", path, t["Recipe.TargetRequired"]);
            if (!Targets.TryGetValue(targetName, out var target))
            {
                throw context.Error(path + ".target", t["Recipe.TargetUnknown", targetName, string.Join(", ", Targets.Keys)]);
            }

            var value = item.OptionalString("value");
            if (target == AssignmentTarget.Unit && (value is null || await cadres.FindUnitAsync(value, cancellationToken) is null))
            {
                throw context.Error(path + ".value", t["Recipe.UnitUnknown", value ?? ""]);
            }

            if (target is AssignmentTarget.Position or AssignmentTarget.Cadre or AssignmentTarget.TransferredWithinMonths && string.IsNullOrEmpty(value))
            {
                throw context.Error(path + ".value", t["Recipe.ValueRequired"]);
            }

            int? dueDays = item.TryGetProperty("dueDays", out var due) && due.ValueKind == JsonValueKind.Number ? due.GetInt32() : null;
            var existing = await db.Set<CourseAssignment>().SingleOrDefaultAsync(a => a.CourseId == courseId && a.Target == target && a.Value == value && a.RemovedUtc == null, cancellationToken);
            if (existing is null)
            {
                db.Add(new CourseAssignment { CourseId = courseId, Target = target, Value = value, DueDays = dueDays, CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = context.RecipeName });
            }
            else
            {
                existing.DueDays = dueDays;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await enrollments.SyncAssignmentsAsync(null, cancellationToken);
    }
}
