using Learning.Courses.Services;
using Learning.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Learning.Courses.Jobs;

/// <summary>
/// Cohort sync: standing assignments reach cadres who arrived (or got an account) since the last run. Every node may run it;
/// enrolment is idempotent by its unique (user, course) index, so two nodes at once only cost a little duplicate work.
/// </summary>
internal sealed class AssignmentSyncJob(IServiceScopeFactory scopes, DatabaseMigrator migrator, IOptions<CoursesOptions> options, ILogger<AssignmentSyncJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMinutes(Math.Max(1, options.Value.AssignmentSyncMinutes));
        using var timer = new PeriodicTimer(period);
        do
        {
            try
            {
                await migrator.MigrateAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var added = await scope.ServiceProvider.GetRequiredService<EnrollmentService>().SyncAssignmentsAsync(null, stoppingToken);
                if (added > 0)
                {
                    logger.LogInformation("Assignment sync enrolled {Count} cadre(s)", added);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Assignment sync failed; it runs again in {Period}", period);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
