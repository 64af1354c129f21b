using Learning.Data;
using Learning.Reports.Data;

namespace Learning.Reports.Services.Exports;

/// <summary>The saved reports (<c>reports_saved</c>: completion and training hours) as subscriptions read them.</summary>
internal static class SavedReportRows
{
    public static IQueryable<SubscribableReport> Of(LearningDbContext db) =>
        db.Set<SavedReport>().Where(r => r.Kind == SavedReportKinds.Completion || r.Kind == SavedReportKinds.Hours)
            .Select(r => new SubscribableReport { Id = r.Id, OwnerId = r.OwnerUserId, Name = r.Name, FilterQuery = r.Query, Kind = r.Kind });
}
