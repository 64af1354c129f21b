using Learning.Modularity;

namespace Learning.Certificates.Services.Readiness;

/// <summary>
/// A readiness transition as a learning event (the reports module makes it an xAPI statement: verb progressed, activity the
/// digital-signature objective, the new state as the result's <c>state</c> extension). Recorded in the unit of work that makes
/// the change: becoming ready (with the once-per-requirement notice), requested, returned, issued.
/// </summary>
internal static class ReadinessEvents
{
    public const string ActivityKey = "digital-signature";

    public const string ActivityName = "Sẵn sàng sử dụng chữ ký số";

    public static LearningEvent Changed(string userId, ReadinessState state, DateTime now) =>
        new(LearningVerbs.Progressed, userId, LearningActivityTypes.Readiness, ActivityKey, ActivityName)
        {
            TimestampUtc = now,
            Detail = state.ToString(),
        };

    /// <summary>What a request returned leaves: ready when every required course is completed, else in training.</summary>
    public static ReadinessState AfterReturn(CadreReadiness item) =>
        item.RequiredCount > 0 && item.CompletedCount >= item.RequiredCount ? ReadinessState.Ready : item.RequiredCount == 0 ? ReadinessState.NotStarted : ReadinessState.InTraining;
}
