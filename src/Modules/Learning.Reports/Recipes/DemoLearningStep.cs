using System.Text.Json;
using Learning.Courses;
using Learning.Data;
using Learning.Modularity;
using Learning.Organization;
using Learning.Reports.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Learning.Reports.Recipes;

/// <summary>
/// DEMO DATA ONLY (the demo recipe, never the production setup): <c>{ "name": "reports-demo-learning", "weeks": 8, "seed": 14 }</c>
/// gives every demo cadre with an account a few simulated enrolments in published courses over the last weeks, some completed
/// (spread over the weeks, so the weekly line has a shape), some in progress, not started or overdue, with their lessons done
/// and their quiz attempts (a failed try before some passes; a failed one where an unfinished course stops at its quiz).
/// Deterministic for a seed; learners already enrolled in a course keep their real progress. The data is marked simulated:
/// every report page says so, and an administrator removes it at once (<see cref="DemoLearning"/>). No certificate is issued
/// for it: a signed certificate verifiable by its QR code must never attest learning that did not happen.
/// </summary>
public sealed class DemoLearningStep(LearningDbContext db, IOrganizationReportRows organization, ICourseProgressQuery courses, IDemoLearningWriter writer,
    IEnumerable<IDemoQuizWriter> quizWriters, DemoLearning demo, IAuditTrail audit, TimeProvider clock, IStringLocalizer<ReportsStrings> t) : IRecipeStepHandler
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
        var takes = QuizTakes(added, random);
        var attempts = 0;
        foreach (var quizWriter in quizWriters)
        {
            attempts += await quizWriter.AddAsync(takes, cancellationToken);
        }

        await demo.MarkAsync(cancellationToken);
        audit.Record("reports.demo-learning", context.RecipeName, $"{added.Count} simulated enrolments and {attempts} quiz attempts over {weeks} weeks (seed {seed})", context.Options.Actor);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The attempts behind the simulated progress: each quiz lesson done was passed when it was completed, a third of them
    /// after a failed try a day or two before; an unfinished course whose next lesson is a quiz had a failed try at half of them.
    /// </summary>
    private static List<SimulatedQuizAttempt> QuizTakes(IReadOnlyList<SimulatedProgress> progress, Random random)
    {
        var takes = new List<SimulatedQuizAttempt>();
        foreach (var p in progress)
        {
            var next = p.Lessons.FirstOrDefault(l => l.CompletedUtc is null);
            foreach (var lesson in p.Lessons.Where(l => l.Kind == LessonKinds.Quiz && l.Reference is not null))
            {
                if (lesson.CompletedUtc is { } done)
                {
                    var retry = done.AddHours(-random.Next(20, 52));
                    if (random.NextDouble() < 0.33 && retry > p.EnrolledUtc)
                    {
                        takes.Add(new(p.UserId, p.CourseId, p.CourseSlug, lesson.Key, lesson.Reference!, retry, Pass: false));
                    }

                    takes.Add(new(p.UserId, p.CourseId, p.CourseSlug, lesson.Key, lesson.Reference!, done, Pass: true));
                }
                else if (lesson == next && p.LastActivityUtc is { } last && random.NextDouble() < 0.5)
                {
                    takes.Add(new(p.UserId, p.CourseId, p.CourseSlug, lesson.Key, lesson.Reference!, last, Pass: false));
                }
            }
        }

        return takes;
    }
}
