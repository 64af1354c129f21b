using System.Text.Json;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Recipes;

/// <summary>
/// DEMO DATA ONLY (the demo recipe, never the production setup): <c>{ "name": "reports-demo-learning", "weeks": 8, "seed": 14 }</c>
/// gives every demo cadre with an account a few simulated enrolments in published courses over the last weeks, some completed
/// (spread over the weeks, so the weekly line has a shape), some in progress, not started or overdue. Deterministic for a seed;
/// learners already enrolled in a course keep their real progress. Quiz attempts are not simulated (no write contract).
/// </summary>
public sealed class DemoLearningStep(LearningDbContext db, IOrganizationReportRows organization, ICourseProgressQuery courses, IDemoLearningWriter writer,
    IAuditTrail audit, TimeProvider clock, IStringLocalizer<ReportsStrings> t) : IRecipeStepHandler
{
    public string StepName => "reports-demo-learning";

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var weeks = context.Step.TryGetProperty("weeks", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetInt32() : 8;
        var seed = context.Step.TryGetProperty("seed", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 14;
        if (weeks is < 1 or > 52)
        {
            throw context.Error(".weeks", t["Recipe.WeeksRange"]);
        }

        var published = (await courses.CoursesAsync(cancellationToken)).Where(c => c.IsPublished).OrderBy(c => c.Id).Select(c => c.Id).ToList();
        var cadres = await organization.Cadres(db, OrgScope.Everything).Where(c => c.UserId != null).OrderBy(c => c.CadreId).Select(c => c.UserId!).ToListAsync(cancellationToken);
        if (published.Count == 0 || cadres.Count == 0)
        {
            return;
        }

        var random = new Random(seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var start = now.AddDays(-7 * weeks);
        var rows = new List<SimulatedEnrollment>();
        foreach (var userId in cadres)
        {
            foreach (var courseId in published.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, published.Count) + 1)))
            {
                var enrolled = start.AddHours(random.Next(0, 24 * 7 * weeks / 2));
                var roll = random.NextDouble();
                if (roll < 0.4)
                {
                    // Completed somewhere between enrolment and now: the line chart's shape.
                    var done = enrolled.AddHours(random.Next(24, Math.Max(48, (int)(now - enrolled).TotalHours)));
                    done = done > now ? now.AddHours(-1) : done;
                    rows.Add(new(userId, courseId, enrolled, enrolled.AddDays(30), int.MaxValue, done, done));
                }
                else if (roll < 0.65)
                {
                    rows.Add(new(userId, courseId, enrolled, enrolled.AddDays(45), random.Next(1, 4), enrolled.AddDays(random.Next(1, 7)), null));
                }
                else if (roll < 0.85)
                {
                    rows.Add(new(userId, courseId, enrolled, null, 0, null, null));
                }
                else
                {
                    rows.Add(new(userId, courseId, enrolled, now.AddDays(-random.Next(1, 10)), random.Next(0, 2), null, null)); // overdue
                }
            }
        }

        var added = await writer.AddAsync(rows, cancellationToken);
        audit.Record("reports.demo-learning", context.RecipeName, $"{added} simulated enrolments over {weeks} weeks (seed {seed})", context.Options.Actor);
        await db.SaveChangesAsync(cancellationToken);
    }
}
