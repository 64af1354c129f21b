using Learning.Certificates.Services.Readiness;

namespace Learning.UnitTests.Certificates;

public sealed class ReadinessRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static ReadinessInput Input(int[] required, int[]? enrolled = null, int[]? completed = null, SignatureFacts? signature = null, DateOnly? today = null) =>
        new(required.ToHashSet(), (enrolled ?? []).ToHashSet(), (completed ?? []).ToHashSet(), signature, today ?? Today);

    private static SignatureFacts Issued(DateOnly validTo, bool requested = true) => new(requested, false, "5404FFFE0001", validTo.AddYears(-3), validTo);

    [Fact]
    public void Compute_NoEnrolment_NotStarted() =>
        Assert.Equal(ReadinessState.NotStarted, ReadinessRules.Compute(Input([1, 2])));

    [Fact]
    public void Compute_NothingRequired_NotStartedEvenWithCompletions() =>
        Assert.Equal(ReadinessState.NotStarted, ReadinessRules.Compute(Input([], enrolled: [1], completed: [1])));

    [Fact]
    public void Compute_EnrolledInOneRequiredCourse_InTraining() =>
        Assert.Equal(ReadinessState.InTraining, ReadinessRules.Compute(Input([1, 2], enrolled: [2])));

    [Fact]
    public void Compute_SomeRequiredCompleted_InTraining() =>
        Assert.Equal(ReadinessState.InTraining, ReadinessRules.Compute(Input([1, 2], enrolled: [1, 2], completed: [1])));

    [Fact]
    public void Compute_EveryRequiredCompleted_Ready() =>
        Assert.Equal(ReadinessState.Ready, ReadinessRules.Compute(Input([1, 2], enrolled: [1, 2], completed: [1, 2])));

    [Fact]
    public void Compute_CompletionsOutsideTheRequirement_DoNotCount() =>
        Assert.Equal(ReadinessState.NotStarted, ReadinessRules.Compute(Input([1, 2], enrolled: [3], completed: [3])));

    [Fact]
    public void Compute_ANewRequiredCourseAdded_ReadyCadreBecomesInTraining()
    {
        var before = Input([1, 2], enrolled: [1, 2], completed: [1, 2]);
        Assert.Equal(ReadinessState.Ready, ReadinessRules.Compute(before));

        Assert.Equal(ReadinessState.InTraining, ReadinessRules.Compute(before with { RequiredCourseIds = new HashSet<int> { 1, 2, 3 } }));
        Assert.NotEqual(ReadinessRules.RequirementKey([1, 2]), ReadinessRules.RequirementKey([3, 2, 1]));
    }

    [Fact]
    public void Compute_Requested_RequestedWhateverTheTraining()
    {
        var requested = new SignatureFacts(true, false, null, null, null);
        Assert.Equal(ReadinessState.Requested, ReadinessRules.Compute(Input([1], enrolled: [1], completed: [1], signature: requested)));
        Assert.Equal(ReadinessState.Requested, ReadinessRules.Compute(Input([1, 2], enrolled: [1], completed: [1], signature: requested)));
    }

    [Fact]
    public void Compute_ReturnedRequest_FallsBackToTheTraining()
    {
        var returned = new SignatureFacts(true, true, null, null, null);
        Assert.Equal(ReadinessState.Ready, ReadinessRules.Compute(Input([1], enrolled: [1], completed: [1], signature: returned)));
        Assert.Equal(ReadinessState.InTraining, ReadinessRules.Compute(Input([1, 2], enrolled: [1], completed: [1], signature: returned)));
    }

    [Fact]
    public void Compute_Issued_FarFromExpiry_Issued() =>
        Assert.Equal(ReadinessState.Issued, ReadinessRules.Compute(Input([1], completed: [1], signature: Issued(Today.AddDays(31)))));

    [Theory]
    [InlineData(30, ReadinessState.Expiring)] // the boundary: valid through day 30 counts as expiring
    [InlineData(31, ReadinessState.Issued)]
    [InlineData(1, ReadinessState.Expiring)]
    [InlineData(0, ReadinessState.Expiring)] // the last valid day
    [InlineData(-1, ReadinessState.Expired)] // the day after
    [InlineData(-400, ReadinessState.Expired)]
    public void Compute_ValidToRelativeToToday(int daysLeft, ReadinessState expected) =>
        Assert.Equal(expected, ReadinessRules.Compute(Input([1], completed: [1], signature: Issued(Today.AddDays(daysLeft)))));

    [Fact]
    public void Compute_Issued_StaysIssuedWhenANewRequiredCourseIsAdded() =>
        Assert.Equal(ReadinessState.Issued, ReadinessRules.Compute(Input([1, 2, 3], completed: [1], signature: Issued(Today.AddYears(2)))));

    [Fact]
    public void Compute_IssuedWithoutARequest_Issued() =>
        Assert.Equal(ReadinessState.Issued, ReadinessRules.Compute(Input([1], signature: Issued(Today.AddYears(1), requested: false))));

    [Fact]
    public void Compute_TheClockMoves_IssuedThenExpiringThenExpired()
    {
        var signature = Issued(new DateOnly(2027, 3, 31));
        Assert.Equal(ReadinessState.Issued, ReadinessRules.Compute(Input([1], signature: signature, today: new DateOnly(2027, 2, 28))));
        Assert.Equal(ReadinessState.Expiring, ReadinessRules.Compute(Input([1], signature: signature, today: new DateOnly(2027, 3, 1))));
        Assert.Equal(ReadinessState.Expiring, ReadinessRules.Compute(Input([1], signature: signature, today: new DateOnly(2027, 3, 31))));
        Assert.Equal(ReadinessState.Expired, ReadinessRules.Compute(Input([1], signature: signature, today: new DateOnly(2027, 4, 1))));
    }

    [Fact]
    public void FunnelStage_ExpiringAndExpiredHaveReachedIssued()
    {
        Assert.Equal(ReadinessRules.FunnelStage(ReadinessState.Issued), ReadinessRules.FunnelStage(ReadinessState.Expiring));
        Assert.Equal(ReadinessRules.FunnelStage(ReadinessState.Issued), ReadinessRules.FunnelStage(ReadinessState.Expired));
        Assert.True(ReadinessRules.FunnelStage(ReadinessState.Requested) > ReadinessRules.FunnelStage(ReadinessState.Ready));
    }

    [Fact]
    public void RequirementKey_SortedAndDistinct() => Assert.Equal("2,5,11", ReadinessRules.RequirementKey([11, 5, 2, 5]));
}
