using System.Diagnostics;
using Learning.Data;

namespace Learning.Bench;

/// <summary>
/// Issue 14, the part of the country-scale data set that goes through the product's code: 50 courses of 4 modules × 5 lessons,
/// published by <c>CoursePublisher</c> as an author would (slugs <c>thu-tai-NNN</c>). bench/reports-seed.sql then writes the
/// organisation, cadres, enrolments, lesson progress and quiz attempts with set-based SQL.
/// </summary>
public static class ReportsSeed
{
    public static async Task RunAsync(IServiceProvider services, int courses)
    {
        var watch = Stopwatch.StartNew();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var published = await new Seeder(services).SeedCoursesAsync(courses, Seeder.LoadLessonTexts());
        Console.WriteLine($"courses published: {published.Count} of {published[0].Lessons.Length} lessons each ({watch.Elapsed.TotalSeconds:0.0} s)");
    }
}
