namespace Learning.Certificates.Services.Readiness;

/// <summary>A cadre's digital-signature readiness, in funnel order.</summary>
public enum ReadinessState
{
    NotStarted,
    InTraining,
    Ready,
    Requested,
    Issued,
    Expiring,
    Expired,
}

/// <summary>What the state is computed from: the required courses, the cadre's enrolments in them, and the stored signature.</summary>
/// <param name="RequiredCourseIds">Empty when the cadre's province has configured nothing: then nobody is ready.</param>
/// <param name="Enrolled">Required courses the cadre is enrolled in (active enrolments).</param>
/// <param name="Completed">Required courses the cadre completed (the quiz lesson passed is part of completion).</param>
public sealed record ReadinessInput(
    IReadOnlySet<int> RequiredCourseIds,
    IReadOnlySet<int> Enrolled,
    IReadOnlySet<int> Completed,
    SignatureFacts? Signature,
    DateOnly Today);

/// <summary>The stored part: a request (and whether it was returned), and the issued signature's validity.</summary>
public sealed record SignatureFacts(bool Requested, bool Returned, string? Serial, DateOnly? ValidFrom, DateOnly? ValidTo);

public static class ReadinessRules
{
    /// <summary>A signature is expiring when its last valid day is at most this many days ahead.</summary>
    public const int ExpiringDays = 30;

    /// <summary>
    /// The state. An issued signature wins over everything (a course added later does not take it back), by its validity: valid
    /// through <c>ValidTo</c>, expired the day after, expiring when <c>ValidTo</c> is within <see cref="ExpiringDays"/> days.
    /// A pending request comes next. Otherwise the training decides: ready when every required course is completed, in training
    /// when any required course is enrolled or completed, else not started. A returned request falls back to the training.
    /// </summary>
    public static ReadinessState Compute(ReadinessInput input)
    {
        if (input.Signature is { Serial: not null, ValidTo: { } validTo })
        {
            if (input.Today > validTo)
            {
                return ReadinessState.Expired;
            }

            return validTo.DayNumber - input.Today.DayNumber <= ExpiringDays ? ReadinessState.Expiring : ReadinessState.Issued;
        }

        if (input.Signature is { Requested: true, Returned: false })
        {
            return ReadinessState.Requested;
        }

        return Training(input);
    }

    /// <summary>The part the training decides alone: not started, in training, or ready.</summary>
    public static ReadinessState Training(ReadinessInput input)
    {
        if (input.RequiredCourseIds.Count == 0)
        {
            return ReadinessState.NotStarted;
        }

        if (input.RequiredCourseIds.All(input.Completed.Contains))
        {
            return ReadinessState.Ready;
        }

        return input.RequiredCourseIds.Any(id => input.Enrolled.Contains(id) || input.Completed.Contains(id))
            ? ReadinessState.InTraining
            : ReadinessState.NotStarted;
    }

    /// <summary>The key of one readiness (the sorted required course ids): a cadre is told once per key.</summary>
    public static string RequirementKey(IEnumerable<int> courseIds) =>
        string.Join(',', courseIds.Distinct().Order().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>How far along the funnel a state is (issued, expiring and expired have all reached "issued").</summary>
    public static int FunnelStage(ReadinessState state) => state switch
    {
        ReadinessState.NotStarted => 0,
        ReadinessState.InTraining => 1,
        ReadinessState.Ready => 2,
        ReadinessState.Requested => 3,
        _ => 4,
    };
}
